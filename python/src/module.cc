// doro._native: the engine for Python. Labels go through doro::Engine and
// answers through the one answer writer (json/answer_json.h) with the HTTP
// rich answer's names; JsonToPy turns that JSON into dicts. Nothing here
// knows an answer field, so fields the writer gains need no change here.
// The Python-facing API, its types and help texts are in doro/__init__.py.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "db/index_file.h"
#include "json/answer_json.h"
#include "json_to_py.h"
#include "match/engine.h"
#include "util/work_pool.h"

namespace py = pybind11;

namespace doro::python {
namespace {

// Labels held in memory at once by refine_many (as `doro batch` does).
constexpr size_t kBlock = 16384;
// Labels per work item: small enough to keep every thread busy to the end.
constexpr size_t kGrain = 64;
// More threads than this only cost memory.
constexpr unsigned kMaxThreads = 256;

// How many threads are inside refine_many's GIL-free section right now, and
// the most ever seen at once: lets a test show that two Python threads run
// native code at the same time, without timing anything.
std::atomic<int> g_inside{0};
std::atomic<int> g_inside_peak{0};

class InsideNative {
 public:
  InsideNative() {
    const int now = ++g_inside;
    int peak = g_inside_peak.load();
    while (now > peak && !g_inside_peak.compare_exchange_weak(peak, now)) {
    }
  }
  ~InsideNative() { --g_inside; }
};

// One label from Python: str (UTF-8; strings that cannot be encoded keep
// their bytes, so they become bad_input answers), bytes, or anything else,
// which is not text and gets a bad_input answer of its own.
struct Label {
  std::string bytes;
  const char* not_text = nullptr;  // the Python type name when not text
};

Label ToLabel(py::handle obj) {
  Label label;
  PyObject* o = obj.ptr();
  if (PyUnicode_Check(o)) {
    Py_ssize_t n = 0;
    if (const char* s = PyUnicode_AsUTF8AndSize(o, &n)) {
      label.bytes.assign(s, static_cast<size_t>(n));
      return label;
    }
    PyErr_Clear();  // lone surrogates: keep the bytes they stand for
    for (const char* errors : {"surrogateescape", "surrogatepass"}) {
      if (PyObject* b = PyUnicode_AsEncodedString(o, "utf-8", errors)) {
        label.bytes.assign(PyBytes_AS_STRING(b), static_cast<size_t>(PyBytes_GET_SIZE(b)));
        Py_DECREF(b);
        return label;
      }
      PyErr_Clear();
    }
    label.not_text = "str";
    return label;
  }
  if (PyBytes_Check(o)) {
    label.bytes.assign(PyBytes_AS_STRING(o), static_cast<size_t>(PyBytes_GET_SIZE(o)));
    return label;
  }
  if (PyByteArray_Check(o)) {
    label.bytes.assign(PyByteArray_AS_STRING(o), static_cast<size_t>(PyByteArray_GET_SIZE(o)));
    return label;
  }
  label.not_text = Py_TYPE(o)->tp_name;
  return label;
}

// Safe without the GIL.
std::string AnswerJson(const Engine& engine, const Label& label) {
  if (label.not_text != nullptr) {
    Answer a;
    a.reason = Reason::kBadInput;
    a.why = std::string("label is not text (") + label.not_text + ")";
    return json::AnswerToJson("", a);
  }
  return json::AnswerToJson(label.bytes, engine.Refine(label.bytes));
}

class PyEngine {
 public:
  explicit PyEngine(const std::string& db_path) {
    std::string error;
    {
      py::gil_scoped_release release;  // loading text files takes seconds
      engine_ = Engine::Open(db_path, &error);
    }
    if (engine_ == nullptr) throw DatabaseError(error.empty() ? "cannot open " + db_path : error);
  }

  struct DatabaseError : std::runtime_error {
    using std::runtime_error::runtime_error;
  };

  py::object Refine(py::handle label) const {
    std::string json = AnswerJson(*engine_, ToLabel(label));
    return JsonToPy(json);
  }

  py::list RefineMany(py::iterable labels, unsigned threads) const {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    threads = std::min(threads, kMaxThreads);
    std::unique_ptr<util::WorkPool> pool;  // made for the first block, no bigger than it needs
    py::list out;
    std::vector<Label> block;
    std::vector<std::string> answers;
    py::iterator it = py::iter(labels);
    while (true) {
      block.clear();
      for (; it != py::iterator::sentinel() && block.size() < kBlock; ++it) {
        block.push_back(ToLabel(*it));
      }
      if (block.empty()) break;
      answers.assign(block.size(), std::string());
      if (pool == nullptr) {
        const size_t chunks = (block.size() + kGrain - 1) / kGrain;
        // The calling thread is the last worker.
        pool = std::make_unique<util::WorkPool>(static_cast<unsigned>(std::min<size_t>(threads, chunks)) - 1);
      }
      {
        py::gil_scoped_release release;
        InsideNative inside;
        pool->ParallelFor(block.size(), kGrain, [&](size_t begin, size_t end) {
          for (size_t i = begin; i < end; ++i) answers[i] = AnswerJson(*engine_, block[i]);
        });
      }
      for (std::string& a : answers) {
        out.append(JsonToPy(a));
        std::string().swap(a);
      }
    }
    return out;
  }

  py::dict Info() const {
    const LoadReport& r = engine_->report();
    py::dict d;
    d["rows"] = r.rows;
    d["roads"] = r.roads;
    d["bad_lines"] = r.bad_lines;
    py::list sources;
    for (const auto& f : r.files) sources.append(f.path);
    d["sources"] = sources;
    d["load_seconds"] = r.seconds;
    return d;
  }

 private:
  std::unique_ptr<Engine> engine_;
};

}  // namespace
}  // namespace doro::python

PYBIND11_MODULE(_native, m) {
  using doro::python::PyEngine;
  m.doc() = "doro's native engine; use the `doro` package, not this module.";
  py::register_exception<PyEngine::DatabaseError>(m, "DatabaseError");
  py::class_<PyEngine>(m, "Engine")
      .def(py::init<const std::string&>(), py::arg("db_path"))
      .def("refine", &PyEngine::Refine, py::arg("label"))
      .def("refine_many", &PyEngine::RefineMany, py::arg("labels"), py::arg("threads"))
      .def("info", &PyEngine::Info);
  m.def("looks_like_index", &doro::db::IndexFile::LooksLikeIndex, py::arg("path"),
        "True when the file starts with the doro index magic.");
  m.def("_threads_inside_peak", [] { return doro::python::g_inside_peak.load(); },
        "Most threads seen at once inside refine_many's GIL-free section (for tests).");
  m.def("_reset_threads_inside_peak", [] { doro::python::g_inside_peak = 0; });
}
