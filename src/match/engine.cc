#include "match/engine.h"

#include "db/database.h"
#include "db/embedded.h"
#include "match/matcher.h"
#include "match/translations.h"
#include "text/utf8.h"

namespace doro {

namespace {

class EngineImpl final : public Engine {
 public:
  EngineImpl(std::unique_ptr<db::Database> db, LoadReport report, EngineOptions options)
      : Engine(options),
        db_(std::move(db)),
        translations_(match::Translations::Parse(embedded::Translations())),
        matcher_(*db_, translations_),
        report_(std::move(report)) {}

  Answer RefineChecked(std::string_view label, Detail detail) const override {
    return matcher_.Refine(label, detail);
  }
  const LoadReport& report() const override { return report_; }

 private:
  std::unique_ptr<db::Database> db_;
  match::Translations translations_;
  match::Matcher matcher_;
  LoadReport report_;
};

}  // namespace

Answer Engine::Refine(std::string_view label, Detail detail) const {
  if (label.size() > options_.max_label_bytes) {
    Answer a;
    a.reason = Reason::kBadInput;
    a.why = "label longer than " + std::to_string(options_.max_label_bytes) + " bytes";
    return a;
  }
  if (!text::IsValidUtf8(label)) {
    Answer a;
    a.reason = Reason::kBadInput;
    a.why = "label is not valid UTF-8";
    return a;
  }
  return RefineChecked(label, detail);
}

std::unique_ptr<Engine> Engine::Open(const std::string& db_path, std::string* error,
                                     EngineOptions options) {
  LoadReport report;
  // An engine only refines: the rows an index write would need are dropped.
  auto db = db::Database::Load(db_path, &report, error, db::Database::Rows::kDrop);
  if (db == nullptr) return nullptr;
  return std::make_unique<EngineImpl>(std::move(db), std::move(report), options);
}

}  // namespace doro
