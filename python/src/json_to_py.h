// JSON text -> Python objects, in C++ (RapidJSON's SAX reader building
// dicts, lists, str, int, float, bool and None directly). The Python
// package turns the one answer writer's JSON (src/json/answer_json.h) into
// dicts with it, so every field the writer gains appears in Python without
// a line changed here. Call with the GIL held.
#ifndef DORO_PYTHON_JSON_TO_PY_H_
#define DORO_PYTHON_JSON_TO_PY_H_

#include <pybind11/pybind11.h>

#include <string>

namespace doro::python {

// Parses `json` (modified in place: RapidJSON's in-situ mode) into a new
// Python object. Numbers keep full double precision, as Python's json module
// reads them. Throws std::runtime_error on malformed JSON (the writer never
// produces any; this guards the converter itself).
pybind11::object JsonToPy(std::string& json);

}  // namespace doro::python

#endif  // DORO_PYTHON_JSON_TO_PY_H_
