// RowStore: the builder's input kept inside the index, so that `doro index
// update` can rebuild the tables from the rows (with change files applied)
// without the original text files.
//
// It keeps every field DatabaseBuilder reads, and 효력발생일 (the data's
// date), of every address row and related-lot row, in the order they were
// added, plus the official English road names. A field the builder starts
// to read must become a column here too: row_store_test checks that
// build(rows) == build(decode(build(rows))) with every field filled in.
//
// Encoding (compact, sequential): one dictionary of distinct strings, then
// per row a bit per string column saying "same as the row before" (official
// files are sorted, so most columns repeat) and, where not, a varint
// dictionary id; numbers as varints. A building id of the official shape
// (derivable from road code, 읍면동 digits and number) costs one varint.
#ifndef DORO_DB_ROW_STORE_H_
#define DORO_DB_ROW_STORE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/address_row.h"
#include "db/english_names.h"

namespace doro::db {

class RowStoreWriter {
 public:
  // `keep` false: only the data's date is kept, and Finish() gives "" (a
  // database that serves and never writes an index needs no rows).
  explicit RowStoreWriter(bool keep = true);
  // `derived_emd`: the 읍면동 digits when row.mgmt_no is the official id of
  // the row's road and number (the builder checks it), else -1.
  void Add(const AddressRow& row, int derived_emd);
  void AddRelatedLot(const RelatedLotRow& row);
  void SetEnglishNames(const EnglishRoadNames& names);
  // The data's date is the latest 효력발생일 of the rows added, or `date`
  // (YYYYMMDD) when later: the date of the last change file applied.
  void NoteDate(std::string_view date);
  const std::string& data_date() const { return data_date_; }
  // The encoded bytes; the writer is spent afterwards.
  std::string Finish();

  // Splicing (`doro index update` without a rebuild): start from `old`'s
  // dictionary (its string ids stay valid here) and related lots, then add
  // the old rows kept with AddRecord and the new ones with Add, in order.
  void StartFrom(const class RowStoreReader& old);
  void AddRecord(const struct StoredRow& row);

 private:
  uint32_t Id(std::string_view s);
  struct Stream {
    std::string bytes;
    std::vector<uint32_t> previous;
    uint64_t count = 0;
  };
  // The id of a column's value: the record before's when it repeats.
  uint32_t ColumnId(const Stream& s, size_t column, std::string_view value);
  void Reserve(size_t count);  // room for `count` strings in slots_
  // The slot holding `s` (of this hash), or the empty one where it goes.
  size_t Slot(std::string_view s, uint64_t hash) const;
  uint32_t Append(std::string_view s);  // to the pool; its id
  static constexpr uint64_t kTagMask = 0xFFFFFFFF00000000ull;  // hash bits kept in a slot
  std::string_view Str(uint32_t id) const {
    return std::string_view(pool_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  // The dictionary: an open-addressing table of (hash high bits, id + 1)
  // over strings kept end to end in pool_. std::unordered_map's node per
  // lookup was a fifth of an update's time.
  std::string pool_;
  std::vector<uint32_t> offsets_{0};  // string id -> start in pool_; one past the last
  std::vector<uint64_t> slots_;
  size_t count_ = 0;
  Stream rows_, lots_;
  std::vector<std::pair<uint64_t, std::string>> english_names_;
  std::string data_date_;
  bool keep_;
};

// One stored address row as the dictionary ids of its string columns
// (RowStoreReader::ForEachStoredRow): cheap to read, compare and copy
// without building strings.
struct StoredRow {
  static constexpr size_t kColumns = 12;
  // Column order: 법정동코드, 시도, 시군구, 읍면동, 리, 도로명코드, 도로명,
  // 행정동, 우편번호, 효력발생일, 건물명, 이전도로명주소.
  enum Column : size_t { kLegal, kSido, kSigungu, kEmd, kRi, kRoadCode, kRoadName, kAdminName, kZip, kDate, kName,
                         kPrevious };
  uint32_t ids[kColumns] = {};
  uint8_t flags = 0;
  uint64_t jibun_main = 0, jibun_sub = 0, main = 0, sub = 0;
  // The 읍면동 digits of an official-shape id (derived_id), else the
  // dictionary id of the 도로명주소관리번호.
  uint64_t id_or_emd = 0;
  bool derived_id = false;
};

// Reads what RowStoreWriter wrote. Every call checks the bytes it reads
// (ids in range, no read past the end) and fails with *error otherwise.
class RowStoreReader {
 public:
  // Reads the header and the dictionary; false when `bytes` is not a store.
  bool Open(std::string_view bytes, std::string* error);
  uint64_t rows() const { return row_count_; }
  uint64_t related_lots() const { return lot_count_; }
  const std::string& data_date() const { return data_date_; }
  // The rows in the order added. The row handed to `sink` is reused for
  // the next one (fields the next row repeats are not rewritten).
  bool ForEachRow(const std::function<void(const AddressRow&)>& sink, std::string* error) const;
  bool ForEachRelatedLot(const std::function<void(const RelatedLotRow&)>& sink, std::string* error) const;
  bool EnglishNames(EnglishRoadNames* out, std::string* error) const;

  // The rows as dictionary ids, in the order added; Materialize gives one
  // as ForEachRow would (ids checked by ForEachStoredRow).
  bool ForEachStoredRow(const std::function<void(const StoredRow&)>& sink, std::string* error) const;
  void Materialize(const StoredRow& stored, AddressRow* row) const;
  const std::vector<std::string_view>& strings() const { return strings_; }

 private:
  friend class RowStoreWriter;
  // Materialize, writing only the columns whose ids differ from `before`'s.
  void Fill(const StoredRow& stored, const StoredRow* before, AddressRow* row) const;
  std::vector<std::string_view> strings_;
  std::string_view rows_, lots_, english_;
  uint64_t row_count_ = 0, lot_count_ = 0, english_count_ = 0;
  std::string data_date_;
};

// Only the date part of a store's bytes (cheap: for `index info`); "" when
// it has none.
std::string RowStoreDataDate(std::string_view bytes);

}  // namespace doro::db

#endif  // DORO_DB_ROW_STORE_H_
