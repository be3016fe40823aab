#include "api/unit.h"

namespace doro {

std::string UnitText(const Unit& u) {
  std::string out;
  auto part = [&](const std::string& s) {
    if (!out.empty()) out += ' ';
    out += s;
  };
  if (!u.dong.empty()) part(u.dong + "동");
  if (!u.floor.empty()) {
    part(u.floor.front() == 'B' ? "지하" + u.floor.substr(1) + "층" : u.floor + "층");
  }
  if (!u.ho.empty()) part(u.ho + "호");
  return out;
}

}  // namespace doro
