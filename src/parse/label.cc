#include "parse/label.h"

#include "text/hangul.h"
#include "text/romanize.h"
#include "text/utf8.h"

namespace doro::parse {
namespace {

// Folds a code point to the ASCII letter it stands for in romanized Korean,
// or 0. Covers full-width Latin and the vowels with breves and macrons of
// McCune-Reischauer.
char LatinLetter(char32_t c) {
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  if (c >= 'a' && c <= 'z') return static_cast<char>(c);
  if (c >= 0xFF21 && c <= 0xFF3A) return static_cast<char>(c - 0xFF21 + 'a');
  if (c >= 0xFF41 && c <= 0xFF5A) return static_cast<char>(c - 0xFF41 + 'a');
  switch (c) {
    case 0x014E: case 0x014F: case 0x014C: case 0x014D: case 0x00F6: case 0x00D6:
    case 0x00F3: case 0x00F2: case 0x00F4:
      return 'o';
    case 0x016C: case 0x016D: case 0x016A: case 0x016B: case 0x00FC: case 0x00DC:
    case 0x00FA: case 0x00F9: case 0x00FB:
      return 'u';
    case 0x00E9: case 0x00E8: case 0x00EB: case 0x00EA: case 0x0113: case 0x00C9:
      return 'e';
    case 0x00E1: case 0x00E0: case 0x00E4: case 0x00E2: case 0x0101:
      return 'a';
    case 0x00ED: case 0x00EC: case 0x00EF: case 0x012B:
      return 'i';
    default:
      return 0;
  }
}

char Digit(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<char>(c);
  if (c >= 0xFF10 && c <= 0xFF19) return static_cast<char>(c - 0xFF10 + '0');
  return 0;
}

// Appends the ASCII letters (lower-cased) or digits that follow *pos, as
// the atom of `kind` they continue, and moves *pos past them: the common
// case without decoding and classifying one byte at a time.
void AppendAsciiRun(std::string_view label, AtomKind kind, size_t* pos, std::string* out) {
  size_t end = *pos;
  if (kind == AtomKind::kLatin) {
    while (end < label.size() && ((label[end] | 0x20) >= 'a' && (label[end] | 0x20) <= 'z')) ++end;
    const size_t from = out->size();
    out->append(label.substr(*pos, end - *pos));
    char* p = out->data();
    for (size_t i = from, n = out->size(); i < n; ++i) p[i] = static_cast<char>(p[i] | 0x20);
  } else {
    while (end < label.size() && label[end] >= '0' && label[end] <= '9') ++end;
    out->append(label.substr(*pos, end - *pos));
  }
  *pos = end;
}

bool IsApostrophe(char32_t c) {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == '`' || c == 0x00B4;
}

Sep SepOf(char32_t c) {
  switch (c) {
    case ',': case ';': case 0xFF0C: case 0x3001:
      return Sep::kComma;
    case '(': case ')': case '[': case ']': case '{': case '}': case 0xFF08: case 0xFF09:
      return Sep::kParen;
    case '#': case 0xFF03:
      return Sep::kHash;
    case '/':
      return Sep::kSlash;
    case '-': case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0xFF0D:
    case '~':
      return Sep::kHyphen;
    default:
      return Sep::kSpace;
  }
}

}  // namespace

std::vector<Atom> Tokenize(std::string_view label) {
  std::vector<Atom> atoms;
  Tokenize(label, &atoms);
  return atoms;
}

void Tokenize(std::string_view label, std::vector<Atom>* out) {
  std::vector<Atom>& atoms = *out;
  atoms.clear();
  Sep pending = Sep::kComma;  // the start of a label is a field boundary
  bool in_atom = false;
  size_t pos = 0;
  while (pos < label.size()) {
    const size_t start = pos;
    // Most labels are mostly ASCII: no decoding for those bytes.
    const auto byte = static_cast<unsigned char>(label[pos]);
    const char32_t c = byte < 0x80 ? static_cast<char32_t>(label[pos++]) : text::DecodeUtf8(label, &pos);
    AtomKind kind;
    char ascii = 0;
    if ((ascii = LatinLetter(c)) != 0) {
      kind = AtomKind::kLatin;
    } else if ((ascii = Digit(c)) != 0) {
      kind = AtomKind::kDigits;
    } else if (text::IsHangulSyllable(c)) {
      kind = AtomKind::kHangul;
    } else {
      // An apostrophe between two Latin letters is part of the word.
      if (IsApostrophe(c) && in_atom && atoms.back().kind == AtomKind::kLatin &&
          pos < label.size()) {
        size_t peek = pos;
        if (LatinLetter(text::DecodeUtf8(label, &peek)) != 0) continue;
      }
      const Sep s = SepOf(c);
      if (!in_atom) {
        if (s > pending) pending = s;
      } else {
        pending = s;
      }
      in_atom = false;
      continue;
    }
    if (in_atom && atoms.back().kind == kind) {
      Atom& a = atoms.back();
      if (kind == AtomKind::kHangul) {
        a.text.append(label.substr(start, pos - start));
      } else {
        a.text.push_back(ascii);
        AppendAsciiRun(label, kind, &pos, &a.text);
      }
      a.end = static_cast<uint32_t>(pos);
      continue;
    }
    Atom& a = atoms.emplace_back();
    a.kind = kind;
    a.sep = in_atom ? Sep::kGlued : pending;
    a.begin = static_cast<uint32_t>(start);
    a.end = static_cast<uint32_t>(pos);
    if (kind == AtomKind::kHangul) {
      a.text.assign(label.substr(start, pos - start));
    } else {
      a.text.push_back(ascii);
      AppendAsciiRun(label, kind, &pos, &a.text);
      a.end = static_cast<uint32_t>(pos);
    }
    in_atom = true;
    pending = Sep::kGlued;
  }
  for (Atom& a : atoms) {
    if (a.kind == AtomKind::kHangul) {
      auto keys = text::RomanizationKeys(a.text, 1);
      a.key = keys.empty() ? std::string() : std::move(keys[0]);
    } else {
      a.key = a.text;
    }
  }
}

}  // namespace doro::parse
