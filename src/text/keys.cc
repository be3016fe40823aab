#include "text/keys.h"

#include <algorithm>
#include <vector>

namespace doro::text {

std::string SkeletonKey(std::string_view k) {
  std::string out;
  SkeletonKeyInto(k, &out);
  return out;
}

void SkeletonKeyInto(std::string_view k, std::string* result) {
  std::string& out = *result;
  out.clear();
  for (size_t i = 0; i < k.size(); ++i) {
    const char c = k[i];
    const char next = i + 1 < k.size() ? k[i + 1] : '\0';
    char emit = c;
    if (c == 'o' && next == 'o') {
      emit = 'u';  // English-style "oo" for ㅜ/ㅡ: Oonjoosan
      ++i;
    } else if (c == 'e' && (next == 'o' || next == 'u')) {
      emit = next;  // eo -> o, eu -> u
      ++i;
    } else if ((c == 'a' || c == 'o') && next == 'e') {
      emit = 'e';  // ae, oe -> e
      ++i;
    } else if (c == 'w' && next == 'o') {
      emit = 'o';
      ++i;
    } else if (c == 'u' && next == 'i') {
      emit = 'i';
      ++i;
    } else if (c == 's' && next == 'h') {
      emit = 's';
      ++i;
    } else if (c == 'c' && next == 'h') {
      emit = 'j';
      ++i;
    } else {
      switch (c) {
        case 'k': case 'c': case 'q': emit = 'g'; break;
        case 't': emit = 'd'; break;
        case 'p': case 'f': case 'v': emit = 'b'; break;
        case 'l': emit = 'r'; break;
        case 'z': emit = 'j'; break;
        default: break;
      }
    }
    if (!out.empty() && out.back() == emit && !(emit >= '0' && emit <= '9')) continue;
    out.push_back(emit);
  }
}

int EditDistance(std::string_view a, std::string_view b, int max_distance) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (max_distance < 0) return max_distance + 1;
  if (std::abs(n - m) > max_distance) return max_distance + 1;
  // Only cells within max_distance of the diagonal can stay <= max_distance:
  // each row is computed on that band alone, cells beyond it count as
  // `inf`. Three rows of the optimal-string-alignment table, on the stack
  // for the short keys this is called with in hot loops.
  const int k = std::min(max_distance, std::max(n, m));
  const int inf = k + 1;
  constexpr int kStack = 64;
  int stack[3][kStack + 2];
  std::vector<int> heap;
  int* rows[3];
  if (m <= kStack) {
    rows[0] = stack[0], rows[1] = stack[1], rows[2] = stack[2];
  } else {
    heap.resize(3 * (m + 2));
    rows[0] = heap.data(), rows[1] = heap.data() + (m + 2), rows[2] = heap.data() + 2 * (m + 2);
  }
  int* prev2 = rows[0];
  int* prev = rows[1];
  int* cur = rows[2];
  for (int j = 0; j <= std::min(m, k); ++j) prev[j] = j;
  if (k + 1 <= m) prev[k + 1] = inf;
  for (int i = 1; i <= n; ++i) {
    const int lo = std::max(1, i - k);
    const int hi = std::min(m, i + k);
    cur[lo - 1] = lo == 1 ? std::min(i, inf) : inf;
    int row_min = cur[lo - 1];
    for (int j = lo; j <= hi; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, prev2[j - 2] + 1);
      }
      v = std::min(v, inf);
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (hi + 1 <= m) cur[hi + 1] = inf;  // read by the next row as "above"
    if (row_min > max_distance) return max_distance + 1;
    int* t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return std::min(prev[m], max_distance + 1);
}

PatternDistance::PatternDistance(std::string_view pattern) : pattern_(pattern) {
  if (pattern.size() > 64) return;
  for (size_t i = 0; i < pattern.size(); ++i) {
    positions_[static_cast<unsigned char>(pattern[i])] |= uint64_t{1} << i;
  }
}

int PatternDistance::Distance(std::string_view text, int max_distance) const {
  const int m = static_cast<int>(pattern_.size());
  const int n = static_cast<int>(text.size());
  if (max_distance < 0) return max_distance + 1;
  if (std::abs(n - m) > max_distance) return max_distance + 1;
  if (m == 0) return std::min(n, max_distance + 1);
  if (m > 64) return EditDistance(pattern_, text, max_distance);
  // One column of the table per text byte, as bit vectors over the pattern:
  // vp/vn mark rows where the value goes up/down by one from the row above;
  // `score` follows the last row.
  const uint64_t last = uint64_t{1} << (m - 1);
  uint64_t vp = ~uint64_t{0}, vn = 0, d0 = 0, prev_eq = 0;
  int score = m;
  for (int j = 0; j < n; ++j) {
    const uint64_t eq = positions_[static_cast<unsigned char>(text[j])];
    const uint64_t tr = (((~d0) & eq) << 1) & prev_eq;  // a swap of two neighbours
    d0 = (((eq & vp) + vp) ^ vp) | eq | vn | tr;
    uint64_t hp = vn | ~(d0 | vp);
    uint64_t hn = vp & d0;
    if (hp & last) {
      ++score;
    } else if (hn & last) {
      --score;
    }
    // The rest of the text can lower the score by at most one a byte.
    if (score - (n - 1 - j) > max_distance) return max_distance + 1;
    hp = (hp << 1) | 1;
    hn <<= 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
    prev_eq = eq;
  }
  return std::min(score, max_distance + 1);
}

std::string DigitsOf(std::string_view key) {
  std::string d;
  for (char c : key) {
    if (c >= '0' && c <= '9') d.push_back(c);
    else if (!d.empty() && d.back() != ' ') d.push_back(' ');
  }
  while (!d.empty() && d.back() == ' ') d.pop_back();
  return d;
}

}  // namespace doro::text
