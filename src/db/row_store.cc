#include "db/row_store.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "db/format.h"

namespace doro::db {
namespace {

constexpr char kMagic[8] = {'D', 'O', 'R', 'O', 'R', 'S', '1', '\0'};

// The string columns of an address row, in the order of their "changed"
// bits. 이름 is the name the builder uses: 시군구용건물명, else 건축물대장건물명.
// (StoredRow::Column; 이전도로명주소 last: the builder reads it into the old
// road tables.)
constexpr size_t kRowColumns = StoredRow::kColumns;
enum LotColumn : size_t { kLotLegal, kLotSido, kLotSigungu, kLotEmd, kLotRi, kLotRoadCode, kLotColumns };

enum Flag : uint8_t { kMountain = 1, kUnderground = 2, kApartment = 4, kDerivedId = 8 };

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// Reads bytes written by PutVarint; every read is checked.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : p_(bytes.data()), end_(bytes.data() + bytes.size()) {}
  bool Varint(uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) return false;
      const auto b = static_cast<unsigned char>(*p_++);
      *v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return true;
    }
    return false;
  }
  template <typename T>
  bool Small(T* v, uint64_t max) {
    uint64_t x;
    if (!Varint(&x) || x > max) return false;
    *v = static_cast<T>(x);
    return true;
  }
  bool Byte(uint8_t* v) {
    if (p_ == end_) return false;
    *v = static_cast<uint8_t>(*p_++);
    return true;
  }
  bool Bytes(size_t n, std::string_view* out) {
    if (static_cast<size_t>(end_ - p_) < n) return false;
    *out = std::string_view(p_, n);
    p_ += n;
    return true;
  }
  bool done() const { return p_ == end_; }

 private:
  const char* p_;
  const char* end_;
};

bool IsDate(std::string_view d) { return d.size() == 8 && ParseCode(d, 8) >= 19000101; }

bool Corrupt(std::string* error, const char* what) {
  *error = std::string("row store corrupt: ") + what;
  return false;
}

// A record's head: which string columns changed since the record before
// (all of them in the first), its flags, then the changed columns' string
// ids; the columns that did not change keep their values in `fields`.
// ReadIds gives the ids of the changed columns (and which changed);
// ReadStrings their strings.
bool ReadIds(Cursor* in, size_t n_strings, uint32_t* ids, size_t columns, bool first, uint8_t* flags,
             uint64_t* changed, std::string* error) {
  if (!in->Varint(changed) || *changed >> columns || !in->Byte(flags)) return Corrupt(error, "record head");
  if (first && *changed != (uint64_t{1} << columns) - 1) return Corrupt(error, "first record");
  for (size_t c = 0; c < columns; ++c) {
    if (!(*changed & (uint64_t{1} << c))) continue;
    if (n_strings == 0 || !in->Small(&ids[c], n_strings - 1)) return Corrupt(error, "string id");
  }
  return true;
}

bool ReadStrings(Cursor* in, const std::vector<std::string_view>& strings, std::string* const* fields,
                 size_t columns, bool first, uint8_t* flags, std::string* error) {
  uint32_t ids[kRowColumns];
  uint64_t changed;
  if (!ReadIds(in, strings.size(), ids, columns, first, flags, &changed, error)) return false;
  for (size_t c = 0; c < columns; ++c) {
    if (changed & (uint64_t{1} << c)) fields[c]->assign(strings[ids[c]]);
  }
  return true;
}

}  // namespace

RowStoreWriter::RowStoreWriter(bool keep) : keep_(keep) {
  rows_.previous.assign(kRowColumns, UINT32_MAX);
  lots_.previous.assign(kLotColumns, UINT32_MAX);
}

void RowStoreWriter::Reserve(size_t count) {
  if (count * 2 <= slots_.size()) return;  // at most half full
  std::vector<uint64_t> old = std::move(slots_);
  size_t size = std::max<size_t>(1024, old.size());
  while (count * 2 > size) size *= 2;
  slots_.assign(size, 0);
  const size_t mask = slots_.size() - 1;
  for (uint64_t v : old) {
    if (v == 0) continue;
    size_t i = std::hash<std::string_view>()(Str(static_cast<uint32_t>(v) - 1)) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = v;
  }
}

size_t RowStoreWriter::Slot(std::string_view s, uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  for (; slots_[i] != 0; i = (i + 1) & mask) {
    const uint64_t v = slots_[i];
    if ((v & kTagMask) == (hash & kTagMask) && Str(static_cast<uint32_t>(v) - 1) == s) break;
  }
  return i;
}

uint32_t RowStoreWriter::Append(std::string_view s) {
  const auto id = static_cast<uint32_t>(offsets_.size() - 1);
  pool_ += s;
  offsets_.push_back(static_cast<uint32_t>(pool_.size()));
  return id;
}

uint32_t RowStoreWriter::Id(std::string_view s) {
  Reserve(count_ + 1);
  const uint64_t h = std::hash<std::string_view>()(s);
  const size_t i = Slot(s, h);
  if (slots_[i] != 0) return static_cast<uint32_t>(slots_[i]) - 1;
  const uint32_t id = Append(s);
  slots_[i] = (h & kTagMask) | (static_cast<uint64_t>(id) + 1);
  ++count_;
  return id;
}

uint32_t RowStoreWriter::ColumnId(const Stream& s, size_t column, std::string_view value) {
  // Cheap test first: the dictionary lookup only when the column changed.
  const uint32_t prev = s.previous[column];
  return prev != UINT32_MAX && Str(prev) == value ? prev : Id(value);
}

void RowStoreWriter::Add(const AddressRow& row, int derived_emd) {
  if (!keep_) return NoteDate(row.effective_date);
  const std::string& name = row.building_name.empty() ? row.register_name : row.building_name;
  const std::string_view values[kRowColumns] = {row.legal_code, row.sido,       row.sigungu,
                                                row.emd,        row.ri,         row.road_code,
                                                row.road_name,  row.admin_name, row.zip,
                                                row.effective_date, name,
                                                row.previous_address};
  StoredRow r;
  for (size_t c = 0; c < kRowColumns; ++c) r.ids[c] = ColumnId(rows_, c, values[c]);
  const int emd = derived_emd;
  r.flags = (row.mountain ? kMountain : 0) | (row.underground ? kUnderground : 0) |
            (row.apartment ? kApartment : 0) | (emd >= 0 ? kDerivedId : 0);
  r.jibun_main = static_cast<uint64_t>(row.jibun_main);
  r.jibun_sub = static_cast<uint64_t>(row.jibun_sub);
  r.main = static_cast<uint64_t>(row.main);
  r.sub = static_cast<uint64_t>(row.sub);
  r.id_or_emd = emd >= 0 ? static_cast<uint64_t>(emd) : Id(row.mgmt_no);
  AddRecord(r);
}

void RowStoreWriter::AddRelatedLot(const RelatedLotRow& row) {
  if (!keep_) return;
  const std::string_view values[kLotColumns] = {row.legal_code, row.sido, row.sigungu,
                                                row.emd,        row.ri,   row.road_code};
  uint32_t changed = 0;
  for (size_t c = 0; c < kLotColumns; ++c) {
    const uint32_t id = ColumnId(lots_, c, values[c]);
    if (id != lots_.previous[c]) {
      lots_.previous[c] = id;
      changed |= 1u << c;
    }
  }
  std::string& out = lots_.bytes;
  PutVarint(&out, changed);
  out.push_back(static_cast<char>((row.mountain ? kMountain : 0) | (row.underground ? kUnderground : 0)));
  for (size_t c = 0; c < kLotColumns; ++c)
    if (changed & (1u << c)) PutVarint(&out, lots_.previous[c]);
  PutVarint(&out, static_cast<uint64_t>(row.jibun_main));
  PutVarint(&out, static_cast<uint64_t>(row.jibun_sub));
  PutVarint(&out, static_cast<uint64_t>(row.main));
  PutVarint(&out, static_cast<uint64_t>(row.sub));
  ++lots_.count;
}

void RowStoreWriter::SetEnglishNames(const EnglishRoadNames& names) {
  if (!keep_) return;
  english_names_.assign(names.begin(), names.end());
  // Sorted, so that the bytes do not depend on the hash map's order.
  std::sort(english_names_.begin(), english_names_.end());
}

void RowStoreWriter::NoteDate(std::string_view date) {
  if (IsDate(date) && date > data_date_) data_date_ = std::string(date);
}

void RowStoreWriter::StartFrom(const RowStoreReader& old) {
  *this = RowStoreWriter();
  size_t bytes = 0;
  for (std::string_view str : old.strings_) bytes += str.size();
  pool_.reserve(bytes);
  offsets_.reserve(old.strings_.size() + 1);
  Reserve(old.strings_.size());
  for (std::string_view str : old.strings_) {
    // Every old string keeps its id (AddRecord copies ids); the first of
    // equal strings is the one new rows find.
    const uint64_t h = std::hash<std::string_view>()(str);
    const size_t i = Slot(str, h);
    const uint32_t id = Append(str);
    if (slots_[i] == 0) {
      slots_[i] = (h & kTagMask) | (static_cast<uint64_t>(id) + 1);
      ++count_;
    }
  }
  lots_.bytes.assign(old.lots_);
  lots_.count = old.lot_count_;
}

void RowStoreWriter::AddRecord(const StoredRow& row) {
  uint32_t changed = 0;
  for (size_t c = 0; c < kRowColumns; ++c) {
    if (rows_.previous[c] != row.ids[c]) {
      rows_.previous[c] = row.ids[c];
      changed |= 1u << c;
    }
  }
  std::string& out = rows_.bytes;
  PutVarint(&out, changed);
  out.push_back(static_cast<char>(row.flags));
  for (size_t c = 0; c < kRowColumns; ++c)
    if (changed & (1u << c)) PutVarint(&out, row.ids[c]);
  for (uint64_t v : {row.jibun_main, row.jibun_sub, row.main, row.sub, row.id_or_emd}) PutVarint(&out, v);
  ++rows_.count;
  if (changed & (1u << StoredRow::kDate)) NoteDate(Str(row.ids[StoredRow::kDate]));
}

std::string RowStoreWriter::Finish() {
  if (!keep_) return {};
  std::string english;
  for (const auto& [code, name] : english_names_) {
    PutVarint(&english, code);
    PutVarint(&english, Id(name));
  }
  std::string out(kMagic, sizeof(kMagic));
  std::string date = data_date_;
  date.resize(8, '\0');
  out += date;
  PutVarint(&out, offsets_.size() - 1);
  for (uint64_t v : {rows_.count, static_cast<uint64_t>(rows_.bytes.size()), lots_.count,
                     static_cast<uint64_t>(lots_.bytes.size()), static_cast<uint64_t>(english_names_.size()),
                     static_cast<uint64_t>(english.size())}) {
    PutVarint(&out, v);
  }
  for (uint32_t id = 0; id + 1 < offsets_.size(); ++id) {
    PutVarint(&out, Str(id).size());
    out += Str(id);
  }
  out += rows_.bytes;
  out += lots_.bytes;
  out += english;
  *this = RowStoreWriter();
  return out;
}

std::string RowStoreDataDate(std::string_view bytes) {
  if (bytes.size() < 16 || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) return "";
  const std::string_view date = bytes.substr(8, 8);
  return IsDate(date) ? std::string(date) : "";
}

bool RowStoreReader::Open(std::string_view bytes, std::string* error) {
  if (bytes.size() < 16 || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
    return Corrupt(error, "no row store (an index built before format version 7?)");
  }
  data_date_ = RowStoreDataDate(bytes);
  Cursor in(bytes.substr(16));
  uint64_t n_strings, rows_size, lots_size, english_size;
  if (!in.Varint(&n_strings) || !in.Varint(&row_count_) || !in.Varint(&rows_size) || !in.Varint(&lot_count_) ||
      !in.Varint(&lots_size) || !in.Varint(&english_count_) || !in.Varint(&english_size) ||
      n_strings > bytes.size()) {
    return Corrupt(error, "header");
  }
  strings_.clear();
  strings_.reserve(n_strings);
  for (uint64_t i = 0; i < n_strings; ++i) {
    uint64_t len;
    std::string_view s;
    if (!in.Varint(&len) || !in.Bytes(len, &s)) return Corrupt(error, "dictionary");
    strings_.push_back(s);
  }
  if (!in.Bytes(rows_size, &rows_) || !in.Bytes(lots_size, &lots_) || !in.Bytes(english_size, &english_) ||
      !in.done()) {
    return Corrupt(error, "section sizes");
  }
  return true;
}

bool RowStoreReader::ForEachRow(const std::function<void(const AddressRow&)>& sink, std::string* error) const {
  AddressRow row;
  StoredRow before;
  bool first = true;
  return ForEachStoredRow([&](const StoredRow& stored) {
    Fill(stored, first ? nullptr : &before, &row);
    before = stored;
    first = false;
    sink(row);
  }, error);
}

bool RowStoreReader::ForEachStoredRow(const std::function<void(const StoredRow&)>& sink,
                                      std::string* error) const {
  Cursor in(rows_);
  StoredRow row;
  for (uint64_t i = 0; i < row_count_; ++i) {
    uint64_t changed;
    if (!ReadIds(&in, strings_.size(), row.ids, kRowColumns, i == 0, &row.flags, &changed, error)) return false;
    if (!in.Small(&row.jibun_main, INT32_MAX) || !in.Small(&row.jibun_sub, INT32_MAX) ||
        !in.Small(&row.main, INT32_MAX) || !in.Small(&row.sub, INT32_MAX) || !in.Small(&row.id_or_emd, UINT32_MAX)) {
      return Corrupt(error, "row numbers");
    }
    row.derived_id = row.flags & kDerivedId;
    if (row.derived_id ? row.id_or_emd > 999 : row.id_or_emd >= strings_.size()) return Corrupt(error, "building id");
    sink(row);
  }
  return in.done() || Corrupt(error, "trailing row bytes");
}

void RowStoreReader::Materialize(const StoredRow& s, AddressRow* row) const {
  row->register_name.clear();
  Fill(s, nullptr, row);
}

void RowStoreReader::Fill(const StoredRow& s, const StoredRow* before, AddressRow* row) const {
  std::string* fields[kRowColumns] = {&row->legal_code, &row->sido,       &row->sigungu, &row->emd,
                                      &row->ri,         &row->road_code,  &row->road_name, &row->admin_name,
                                      &row->zip,        &row->effective_date, &row->building_name,
                                      &row->previous_address};
  for (size_t c = 0; c < kRowColumns; ++c) {
    if (before == nullptr || before->ids[c] != s.ids[c]) fields[c]->assign(strings_[s.ids[c]]);
  }
  row->mountain = s.flags & kMountain;
  row->underground = s.flags & kUnderground;
  row->apartment = s.flags & kApartment;
  row->jibun_main = static_cast<int>(s.jibun_main);
  row->jibun_sub = static_cast<int>(s.jibun_sub);
  row->main = static_cast<int>(s.main);
  row->sub = static_cast<int>(s.sub);
  if (s.derived_id) {
    row->mgmt_no = OfficialBuildingId(ParseCode(row->road_code, 12), static_cast<uint32_t>(s.id_or_emd),
                                      row->underground, static_cast<uint32_t>(row->main),
                                      static_cast<uint32_t>(row->sub));
  } else {
    row->mgmt_no.assign(strings_[s.id_or_emd]);
  }
}

bool RowStoreReader::ForEachRelatedLot(const std::function<void(const RelatedLotRow&)>& sink,
                                       std::string* error) const {
  Cursor in(lots_);
  RelatedLotRow row;
  std::string* fields[kLotColumns] = {&row.legal_code, &row.sido, &row.sigungu,
                                      &row.emd,        &row.ri,   &row.road_code};
  for (uint64_t i = 0; i < lot_count_; ++i) {
    uint8_t flags = 0;
    if (!ReadStrings(&in, strings_, fields, kLotColumns, i == 0, &flags, error)) return false;
    row.mountain = flags & kMountain;
    row.underground = flags & kUnderground;
    if (!in.Small(&row.jibun_main, INT32_MAX) || !in.Small(&row.jibun_sub, INT32_MAX) ||
        !in.Small(&row.main, INT32_MAX) || !in.Small(&row.sub, INT32_MAX)) {
      return Corrupt(error, "lot numbers");
    }
    sink(row);
  }
  return in.done() || Corrupt(error, "trailing lot bytes");
}

bool RowStoreReader::EnglishNames(EnglishRoadNames* out, std::string* error) const {
  Cursor in(english_);
  out->clear();
  out->reserve(english_count_);
  for (uint64_t i = 0; i < english_count_; ++i) {
    uint64_t code;
    uint32_t id;
    if (!in.Varint(&code) || strings_.empty() || !in.Small(&id, strings_.size() - 1)) {
      return Corrupt(error, "English names");
    }
    out->emplace(code, std::string(strings_[id]));
  }
  return in.done() || Corrupt(error, "trailing English bytes");
}

}  // namespace doro::db
