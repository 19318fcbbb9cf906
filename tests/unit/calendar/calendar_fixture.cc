#include "calendar_fixture.h"

#include <fmt/format.h>

#include <stdexcept>

#include "calendar/calendar_loader.h"

namespace mingjing::calendar::testing {

namespace {

WorkingCalendar LoadChinaCalendar() {
  auto schedules = LoadScheduleFolder(std::string(MINGJING_SHARED_DATA) + "/calendar-cn");
  if (!schedules) throw std::runtime_error(schedules.error().message);
  return WorkingCalendar::Build(std::move(*schedules));
}

}  // namespace

const WorkingCalendar& ChinaCalendar() {
  static const WorkingCalendar calendar = LoadChinaCalendar();
  return calendar;
}

LocalDate Date(std::string_view text) {
  auto date = ParseDate(text, "date");
  if (!date) throw std::invalid_argument(date.error().message);
  return *date;
}

TimePoint Local(std::string_view text) {
  if (text.size() != 16 && text.size() != 19) throw std::invalid_argument(std::string(text));
  int hour = std::stoi(std::string(text.substr(11, 2)));
  int minute = std::stoi(std::string(text.substr(14, 2)));
  int second = text.size() == 19 ? std::stoi(std::string(text.substr(17, 2))) : 0;
  return FromLocal(Date(text.substr(0, 10)),
                   std::chrono::seconds(hour * 3600 + minute * 60 + second));
}

std::string LocalText(TimePoint t) {
  LocalDateTime local = ToLocal(t);
  auto total = local.time_of_day.count();
  std::string text =
      fmt::format("{} {:02d}:{:02d}", FormatDate(local.date), total / 3600, total / 60 % 60);
  if (total % 60 != 0) text += fmt::format(":{:02d}", total % 60);
  return text;
}

}  // namespace mingjing::calendar::testing
