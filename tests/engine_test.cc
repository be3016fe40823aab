// The engine on the built-in demo database: the table of label
// classes, the no-answer reasons and bad input. The demo database is ours
// (data/demo), so these run everywhere.
#include <gtest/gtest.h>

#include "match/engine.h"

namespace doro {
namespace {

class EngineTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    std::string error;
    engine_ = Engine::Open("", &error).release();
    ASSERT_NE(engine_, nullptr) << error;
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }
  static Answer Refine(std::string_view label) { return engine_->Refine(label); }
  static Engine* engine_;
};
Engine* EngineTest::engine_ = nullptr;

struct Case {
  const char* label;
  const char* expected;
};

void ExpectAll(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    const Answer a = EngineTest::engine_ == nullptr ? Answer{} : EngineTest::engine_->Refine(c.label);
    EXPECT_TRUE(a.ok()) << c.label << " -> " << ReasonName(a.reason) << ": " << a.why;
    EXPECT_EQ(a.address, c.expected) << c.label;
  }
}

TEST_F(EngineTest, DeliveryNoteGluedOn) {
  ExpectAll({
      {"Seongbu Tax Office, 13, Samseoyeon-ro 16-gil, Seongbuk-gu, Seoul경비실 맡겨주세요",
       "서울특별시 성북구 삼선교로16길 13"},
      {"경비실에 맡겨주세요 13, Samseongyo-ro 16-gil, Seongbuk-gu, Seoul",
       "서울특별시 성북구 삼선교로16길 13"},
  });
}

TEST_F(EngineTest, EnglishAndKoreanMixed) {
  ExpectAll({
      {"229, 당산로, Yeongdeungpo-gu, Seoul, Republic of Korea", "서울특별시 영등포구 당산로 229"},
      {"지하 300 Wangsimni-ro Seongdong구 Seoul", "서울특별시 성동구 왕십리로 지하 300"},
      {"GF160, Yanghwa-ro, 마포-gu, Seoul", "서울특별시 마포구 양화로 지하 160"},
      {"서울특별시 관악구 남부순환로 지하 1721", "서울특별시 관악구 남부순환로 지하 1721"},
  });
}

TEST_F(EngineTest, SpecialCharactersNamesAndUnits) {
  ExpectAll({
      {"B1721, Nambu Ring-ro, Gwanak-gu, Seoul 김&장", "서울특별시 관악구 남부순환로 지하 1721"},
      {"B1721, Nambu Ring-ro, Gwanak-gu, Seoul 1001ho1001동", "서울특별시 관악구 남부순환로 지하 1721"},
      {"Apt. 101-dong 1203-ho, B1721, Nambu Ring-ro, Gwanak-gu, Seoul",
       "서울특별시 관악구 남부순환로 지하 1721"},
      {"#302 3F B1721 Nambu Sunhwan-ro Gwanak-gu Seoul", "서울특별시 관악구 남부순환로 지하 1721"},
  });
}

TEST_F(EngineTest, NoStandardOrderMissingPartsGluedWords) {
  ExpectAll({
      {"B102 Dosan-daero Seoul (Sinsa-dong)Republic of Korea", "서울특별시 강남구 도산대로 지하 102"},
      {"Seoul Dongdaemun-gu Wangsan-ro B93", "서울특별시 동대문구 왕산로 지하 93"},
  });
}

TEST_F(EngineTest, Typos) {
  ExpectAll({
      {"B 2, Sejong-daero, Gung-gu, Seoul", "서울특별시 중구 세종대로 지하 2"},
      {"B 2, Sejong-daero, Jung-gu, SOUL", "서울특별시 중구 세종대로 지하 2"},
      {"127, B, Seosomun-ro, Jung-gu, 새울", "서울특별시 중구 서소문로 지하 127"},
  });
}

TEST_F(EngineTest, BasementForms) {
  for (const char* label : {"B93, Wangsan-ro, Dongdaemun-gu, Seoul", "B 93, Wangsan-ro, Dongdaemun-gu, Seoul",
                            "B, 93, Wangsan-ro, Dongdaemun-gu, Seoul", "G/F 93 Wangsan-ro Dongdaemun-gu Seoul",
                            "지하 93, Wangsan-ro, Dongdaemun-gu, Seoul",
                            "Underground 93, Wangsan-ro, Dongdaemun-gu, Seoul",
                            "93B, Wangsan-ro, Dongdaemun-gu, Seoul", "b93 wangsan-ro dongdaemun-gu seoul",
                            "B93 WANGSAN RO DONGDAEMUN-GU SEOUL"}) {
    const Answer a = Refine(label);
    EXPECT_EQ(a.address, "서울특별시 동대문구 왕산로 지하 93") << label << " " << ReasonName(a.reason);
  }
}

TEST_F(EngineTest, CityForms) {
  for (const char* city : {"Seoul", "Seoul-si", "Seoul Special City", "서울", "서울시", "서울특별시"}) {
    const std::string label = std::string("110, Sejong-daero, Jung-gu, ") + city;
    const Answer a = Refine(label);
    EXPECT_EQ(a.address, "서울특별시 중구 세종대로 110") << label << " " << ReasonName(a.reason);
  }
}

TEST_F(EngineTest, SameRoadInTwoCitiesIsAmbiguousWithoutACity) {
  const Answer a = Refine("170, Toegye-ro");
  EXPECT_FALSE(a.ok()) << a.address;
  EXPECT_EQ(a.reason, Reason::kAmbiguous);
  EXPECT_GE(a.candidates.size(), 2u);
  EXPECT_EQ(Refine("170, Toegye-ro, Jung-gu, Seoul").address, "서울특별시 중구 퇴계로 170");
  EXPECT_EQ(Refine("170 Toegye-ro Chuncheon-si").address, "강원특별자치도 춘천시 퇴계로 170");
}

TEST_F(EngineTest, SejongTownsArePartOfTheAddress) {
  const Answer a = Refine("38 Chunghyeon-ro, Jochiwon-eup, Sejong");
  ASSERT_TRUE(a.ok()) << ReasonName(a.reason);
  EXPECT_EQ(a.address, "세종특별자치시 조치원읍 충현로 38");
  EXPECT_EQ(a.english, "38, Chunghyeon-ro, Jochiwon-eup, Sejong-si");
}

TEST_F(EngineTest, RichAnswerFields) {
  const Answer a = Refine("B 93, Wangsan-ro, Dongdaemun-gu, Seoul 경비실");
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a.zip.empty());
  EXPECT_EQ(a.zip.size(), 5u);
  EXPECT_FALSE(a.building_id.empty());
  EXPECT_EQ(a.english.find("Wangsan-ro"), a.english.find(", ") + 2) << a.english;
  EXPECT_EQ(a.address_full.rfind(a.address, 0), 0u);
  EXPECT_FALSE(a.used.empty());
  ASSERT_FALSE(a.ignored.empty());
  EXPECT_EQ(a.ignored.back(), "경비실");
}

TEST_F(EngineTest, NoAnswerReasons) {
  EXPECT_EQ(Refine("9999, Sejong-daero, Jung-gu, Seoul").reason, Reason::kNoBuilding);
  EXPECT_EQ(Refine("12, Doesnotexist-ro, Seoul").reason, Reason::kNoRoad);
  EXPECT_EQ(Refine("Seongbuk-gu, Seoul").reason, Reason::kNoRoad);
  EXPECT_EQ(Refine("110, Sejong-daero, Busan").reason, Reason::kRegionConflict);
}

TEST_F(EngineTest, BadInputIsAnAnswerNotACrash) {
  EXPECT_EQ(Refine("").reason, Reason::kBadInput);
  EXPECT_EQ(Refine("   ,,, ").reason, Reason::kBadInput);
  EXPECT_EQ(Refine("110 Sejong-daero \xff\xfe Seoul").reason, Reason::kBadInput);
  EXPECT_EQ(Refine(std::string(5000, 'a')).reason, Reason::kBadInput);
  std::string noise;
  for (int i = 0; i < 1500; ++i) noise += static_cast<char>('0' + i % 10), noise += (i % 7 ? "-" : " ro ");
  noise.resize(1990);
  (void)Refine(noise);  // must terminate without crashing
  EXPECT_EQ(std::string(ReasonName(Reason::kRegionConflict)), "region_conflict");
}

}  // namespace
}  // namespace doro
