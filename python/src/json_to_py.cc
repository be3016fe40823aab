#include "json_to_py.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace py = pybind11;

namespace doro::python {
namespace {

// Object keys repeat in every answer: one interned str per distinct key
// saves an allocation per field and memory in long result lists.
py::object KeyObject(std::string_view key) {
  static auto* cache = new std::unordered_map<std::string, py::object>();  // GIL-guarded, never freed
  auto it = cache->find(std::string(key));
  if (it != cache->end()) return it->second;
  PyObject* s = PyUnicode_FromStringAndSize(key.data(), static_cast<Py_ssize_t>(key.size()));
  if (s == nullptr) throw py::error_already_set();
  PyUnicode_InternInPlace(&s);
  py::object obj = py::reinterpret_steal<py::object>(s);
  if (cache->size() < 4096) cache->emplace(std::string(key), obj);
  return obj;
}

class Builder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Builder> {
 public:
  bool Null() { return Add(py::none()); }
  bool Bool(bool b) { return Add(py::bool_(b)); }
  bool Int(int i) { return Add(py::int_(i)); }
  bool Uint(unsigned u) { return Add(py::int_(u)); }
  bool Int64(int64_t i) { return Add(py::int_(i)); }
  bool Uint64(uint64_t u) { return Add(py::int_(u)); }
  bool Double(double d) { return Add(py::float_(d)); }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    PyObject* o = PyUnicode_FromStringAndSize(s, n);
    if (o == nullptr) throw py::error_already_set();
    return Add(py::reinterpret_steal<py::object>(o));
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    stack_.back().key = KeyObject(std::string_view(s, n));
    return true;
  }
  bool StartObject() { return Open(py::dict()); }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool StartArray() { return Open(py::list()); }
  bool EndArray(rapidjson::SizeType) { return Close(); }

  py::object Result() { return std::move(result_); }

 private:
  struct Frame {
    py::object container;
    bool is_dict;
    py::object key;  // the pending key, in a dict
  };

  bool Add(py::object value) {
    if (stack_.empty()) {
      result_ = std::move(value);
      return true;
    }
    Frame& top = stack_.back();
    const int rc = top.is_dict ? PyDict_SetItem(top.container.ptr(), top.key.ptr(), value.ptr())
                               : PyList_Append(top.container.ptr(), value.ptr());
    if (rc != 0) throw py::error_already_set();
    return true;
  }
  bool Open(py::object container) {
    const bool is_dict = PyDict_Check(container.ptr());
    stack_.push_back({std::move(container), is_dict, py::object()});
    return true;
  }
  bool Close() {
    py::object done = std::move(stack_.back().container);
    stack_.pop_back();
    return Add(std::move(done));
  }

  std::vector<Frame> stack_;
  py::object result_;
};

}  // namespace

py::object JsonToPy(std::string& json) {
  Builder builder;
  rapidjson::Reader reader;
  rapidjson::InsituStringStream in(json.data());
  constexpr unsigned kFlags = rapidjson::kParseInsituFlag | rapidjson::kParseFullPrecisionFlag;
  const rapidjson::ParseResult ok = reader.Parse<kFlags>(in, builder);
  if (!ok) {
    throw std::runtime_error(std::string("answer JSON does not parse: ") +
                             rapidjson::GetParseError_En(ok.Code()));
  }
  return builder.Result();
}

}  // namespace doro::python
