// How an engine is set up when it is opened.
#ifndef DORO_API_OPTIONS_H_
#define DORO_API_OPTIONS_H_

#include <cstddef>

namespace doro {

struct EngineOptions {
  size_t max_label_bytes = 2000;  // longer labels are kBadInput
};

}  // namespace doro

#endif  // DORO_API_OPTIONS_H_
