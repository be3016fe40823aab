// CSV and TSV records (RFC 4180): fields separated by a delimiter, records
// by CRLF or LF; a field in double quotes may hold the delimiter, quotes
// (doubled) and line breaks. TSV uses the same rules with a tab, which is
// what spreadsheet programs write.
//
// The reader is fed bytes as they arrive (a pipe gives them in pieces) and
// hands out each record once its end has been seen, so a batch can answer
// a record before the next one is typed. Debian's CSV libraries are either
// C callbacks (libcsv) or need the column count at compile time
// (libfccp-dev), and the batch passes unknown columns through, so this is
// our own, small and tested (csv_test.cc).
#ifndef DORO_CLI_CSV_H_
#define DORO_CLI_CSV_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace doro::cli {

using CsvRecord = std::vector<std::string>;

class CsvReader {
 public:
  explicit CsvReader(char delimiter) : delimiter_(delimiter) {}

  // Parses `bytes`; every record completed by them is appended to *out.
  void Feed(std::string_view bytes, std::vector<CsvRecord>* out);
  // End of input: the last record, if it had no line break, is appended.
  void Finish(std::vector<CsvRecord>* out);

  // True when a quoted field was still open at Finish (the input ended
  // inside quotes; the record is still given, as read).
  bool unterminated_quote() const { return unterminated_; }

 private:
  void EndField();
  void EndRecord(std::vector<CsvRecord>* out);

  enum class State { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted, kAfterCr };
  char delimiter_;
  State state_ = State::kFieldStart;
  std::string field_;
  CsvRecord record_;
  bool record_started_ = false;
  bool unterminated_ = false;
};

// Appends `fields` as one record, quoting a field only when it holds the
// delimiter, a quote, CR or LF (or leading/trailing spaces are fine: kept).
void AppendCsvRecord(const std::vector<std::string>& fields, char delimiter, std::string* out);

}  // namespace doro::cli

#endif  // DORO_CLI_CSV_H_
