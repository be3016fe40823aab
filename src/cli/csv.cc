#include "cli/csv.h"

namespace doro::cli {

void CsvReader::EndField() {
  record_.push_back(std::move(field_));
  field_.clear();
}

void CsvReader::EndRecord(std::vector<CsvRecord>* out) {
  EndField();
  out->push_back(std::move(record_));
  record_.clear();
  record_started_ = false;
}

void CsvReader::Feed(std::string_view bytes, std::vector<CsvRecord>* out) {
  for (size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (state_ == State::kAfterCr) {
      // CRLF ends the record at the CR; a lone CR ends it too (old Mac
      // files) and this byte starts the next one.
      state_ = State::kFieldStart;
      if (c == '\n') continue;
    }
    switch (state_) {
      case State::kFieldStart:
        if (c == '"') {
          state_ = State::kQuoted;
          record_started_ = true;
          continue;
        }
        [[fallthrough]];
      case State::kUnquoted:
        if (c == delimiter_) {
          EndField();
          state_ = State::kFieldStart;
        } else if (c == '\n' || c == '\r') {
          // A blank line is no record (spreadsheets end files with one).
          if (record_started_ || !record_.empty()) EndRecord(out);
          state_ = c == '\r' ? State::kAfterCr : State::kFieldStart;
        } else {
          field_ += c;
          state_ = State::kUnquoted;
        }
        record_started_ = true;
        if (c == '\n' || c == '\r') record_started_ = false;
        break;
      case State::kQuoted:
        if (c == '"') {
          state_ = State::kQuoteInQuoted;
        } else {
          field_ += c;
        }
        break;
      case State::kQuoteInQuoted:
        if (c == '"') {  // "" inside quotes is one quote
          field_ += '"';
          state_ = State::kQuoted;
        } else if (c == delimiter_) {
          EndField();
          state_ = State::kFieldStart;
        } else if (c == '\n' || c == '\r') {
          EndRecord(out);
          state_ = c == '\r' ? State::kAfterCr : State::kFieldStart;
        } else {
          // Text after a closing quote ("ab"c): not RFC 4180, kept as
          // written rather than dropped.
          field_ += c;
          state_ = State::kUnquoted;
        }
        break;
      case State::kAfterCr:
        break;  // handled above
    }
  }
}

void CsvReader::Finish(std::vector<CsvRecord>* out) {
  if (state_ == State::kQuoted) unterminated_ = true;
  if (record_started_ || !record_.empty() || !field_.empty()) EndRecord(out);
  state_ = State::kFieldStart;
}

void AppendCsvRecord(const std::vector<std::string>& fields, char delimiter, std::string* out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) *out += delimiter;
    const std::string& f = fields[i];
    if (f.find_first_of(std::string{delimiter, '"', '\r', '\n'}) == std::string::npos) {
      *out += f;
      continue;
    }
    *out += '"';
    for (const char c : f) {
      if (c == '"') *out += '"';
      *out += c;
    }
    *out += '"';
  }
  *out += '\n';
}

}  // namespace doro::cli
