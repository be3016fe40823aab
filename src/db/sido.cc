#include "db/sido.h"

namespace doro::db {
namespace {

// Public facts. 강원 and 전북 became 특별자치도 in 2023/2024; their former names
// still appear in older files and on labels. The other English spellings
// are those of the juso area tables and of older romanizations.
constexpr SidoInfo kSido[] = {
    {"11", "서울특별시", "Seoul", "서울", "", "Special City", ""},
    {"26", "부산광역시", "Busan", "부산", "", "Metropolitan City", "Pusan"},
    {"27", "대구광역시", "Daegu", "대구", "", "Metropolitan City", "Taegu"},
    {"28", "인천광역시", "Incheon", "인천", "", "Metropolitan City", "Inchon"},
    {"29", "광주광역시", "Gwangju", "광주", "", "Metropolitan City", "Kwangju"},
    {"30", "대전광역시", "Daejeon", "대전", "", "Metropolitan City", "Taejon Daejon"},
    {"31", "울산광역시", "Ulsan", "울산", "", "Metropolitan City", ""},
    {"36", "세종특별자치시", "Sejong-si", "세종", "", "Special Self-governing City", ""},
    {"41", "경기도", "Gyeonggi-do", "경기", "", "Province", "Kyonggi-do Kyeonggi-do"},
    {"43", "충청북도", "Chungcheongbuk-do", "충북", "", "Province", "Chungchongbuk-do"},
    {"44", "충청남도", "Chungcheongnam-do", "충남", "", "Province", "Chungchongnam-do"},
    {"46", "전라남도", "Jeollanam-do", "전남", "", "Province", "Jellanam-do Chollanam-do Jeonranam-do"},
    {"47", "경상북도", "Gyeongsangbuk-do", "경북", "", "Province", "Kyongsangbuk-do Kyeongsangbuk-do"},
    {"48", "경상남도", "Gyeongsangnam-do", "경남", "", "Province", "Kyongsangnam-do Kyeongsangnam-do"},
    {"50", "제주특별자치도", "Jeju-do", "제주", "", "Special Self-governing Province", "Cheju-do"},
    {"51", "강원특별자치도", "Gangwon-do", "강원", "강원도", "Special Self-governing Province", "Kangwon-do"},
    {"52", "전북특별자치도", "Jeonbuk-do", "전북", "전라북도", "Special Self-governing Province", "Jeollabuk-do Chollabuk-do Jellabuk-do"},
};

}  // namespace

std::span<const SidoInfo> AllSido() { return kSido; }

const SidoInfo* FindSidoByKorean(std::string_view korean) {
  for (const SidoInfo& s : kSido) {
    if (korean == s.korean || korean == s.short_ko ||
        (!s.former_ko.empty() && korean == s.former_ko)) {
      return &s;
    }
  }
  return nullptr;
}

}  // namespace doro::db
