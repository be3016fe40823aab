// The unit (상세주소): every form a label writes 동, 층 and 호 in becomes the
// Korean a driver reads, and leaves the address's own words alone.
#include <gtest/gtest.h>

#include "match/engine.h"
#include "match_test_util.h"

namespace doro {
namespace {

class UnitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto office = testing::MakeRow("서울특별시", "중구", "태평로1가", "1114010300", "111403101001", "세종대로", 110);
    auto apartment = testing::MakeRow("서울특별시", "종로구", "세종로", "1111011900", "111104100100", "세종대로", 209);
    apartment.apartment = true;
    testing::WriteOfficialFiles(dir_.path, {office, apartment});
    std::string error;
    engine_ = Engine::Open(dir_.path.string(), &error);
    ASSERT_NE(engine_, nullptr) << error;
  }
  testing::TempDir dir_;
  std::unique_ptr<Engine> engine_;
};

TEST_F(UnitTest, EveryFormBecomesTheDriversForm) {
  const struct {
    const char* unit;
    const char* detail;
  } cases[] = {
      {"101-dong 1203-ho", "101동 1203호"}, {"101동 1203호", "101동 1203호"},
      {"Apt. 101-dong 1203-ho", "101동 1203호"}, {"1001ho1001동", "1001동 1001호"},
      {"#302", "302호"},                   {"Room 301", "301호"},
      {"Suite 2401", "2401호"},             {"3F", "3층"},
      {"B1 floor", "지하1층"},              {"지하1층", "지하1층"},
      {"3층", "3층"},                       {"3rd floor", "3층"},
      {"B1", "지하1층"},
  };
  for (const auto& c : cases) {
    const std::string label = std::string("110 Sejong-daero, Jung-gu, Seoul, ") + c.unit;
    const Answer a = engine_->Refine(label);
    ASSERT_TRUE(a.ok()) << label << ": " << a.why;
    EXPECT_EQ(a.address, "서울특별시 중구 세종대로 110") << label;
    EXPECT_EQ(a.detail_address, c.detail) << label;
    EXPECT_EQ(a.unit.text, c.unit) << label;
    EXPECT_EQ(a.delivery, std::string("서울특별시 중구 세종대로 110, ") + c.detail + " (태평로1가)") << label;
    for (const auto& used : a.used) EXPECT_EQ(std::string(c.unit).find(used), std::string::npos) << label << " used " << used;
  }
}

TEST_F(UnitTest, BareDongHoOnlyAfterAnApartmentsNumberAndSaidToBeAGuess) {
  Answer a = engine_->Refine("209 Sejong-daero, Jongno-gu, Seoul 101-1203");
  ASSERT_TRUE(a.ok()) << a.why;
  EXPECT_EQ(a.detail_address, "101동 1203호");
  EXPECT_EQ(a.delivery, "서울특별시 종로구 세종대로 209, 101동 1203호 (세종로)");
  ASSERT_FALSE(a.warnings.empty());
  EXPECT_EQ(a.warnings.back(), Warning::kUnitGuessed);
  a = engine_->Refine("110 Sejong-daero, Jung-gu, Seoul 101-1203");
  EXPECT_EQ(a.detail_address, "");
}

TEST_F(UnitTest, NoUnitNoDetailAndTheDeliveryIsTheAddress) {
  const Answer a = engine_->Refine("110 Sejong-daero, Jung-gu, Seoul");
  ASSERT_TRUE(a.ok()) << a.why;
  EXPECT_TRUE(a.unit.empty());
  EXPECT_EQ(a.detail_address, "");
  EXPECT_EQ(a.delivery, "서울특별시 중구 세종대로 110 (태평로1가)");
  EXPECT_EQ(a.used, (std::vector<std::string>{"110", "Sejong-daero", "Jung-gu", "Seoul"}));
}

TEST(UnitText, DriversForm) {
  EXPECT_EQ(UnitText({"101", "", "1203", ""}), "101동 1203호");
  EXPECT_EQ(UnitText({"", "B2", "", ""}), "지하2층");
  EXPECT_EQ(UnitText({"", "3", "302", ""}), "3층 302호");
  EXPECT_EQ(UnitText({}), "");
}

}  // namespace
}  // namespace doro
