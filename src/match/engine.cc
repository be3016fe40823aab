#include "match/engine.h"

#include "db/database.h"
#include "db/embedded.h"
#include "match/matcher.h"
#include "match/translations.h"

namespace doro {

namespace {

class EngineImpl final : public Engine {
 public:
  EngineImpl(std::unique_ptr<db::Database> db, LoadReport report, EngineOptions options)
      : db_(std::move(db)),
        translations_(match::Translations::Parse(embedded::Translations())),
        matcher_(*db_, translations_, options),
        report_(std::move(report)) {}

  Answer Refine(std::string_view label, Detail detail) const override {
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

std::unique_ptr<Engine> Engine::Open(const std::string& db_path, std::string* error,
                                     EngineOptions options) {
  LoadReport report;
  auto db = db::Database::Load(db_path, &report, error);
  if (db == nullptr) return nullptr;
  return std::make_unique<EngineImpl>(std::move(db), std::move(report), options);
}

}  // namespace doro
