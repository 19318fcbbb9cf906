// `mingjing import items` and `mingjing import calendar`.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>

#include "app/commands.h"
#include "app/platform.h"
#include "calendar/calendar_loader.h"
#include "calendar/calendar_store.h"
#include "catalog/item_import.h"

namespace mingjing::app {
namespace {

void ImportItemsCommand(const Config& config, const std::string& file,
                        const std::string& division) {
  auto departments = catalog::LoadItemFile(file);
  if (!departments) {
    spdlog::error("cannot read the item file: {}", departments.error().message);
    throw CLI::RuntimeError(1);
  }
  auto platform = OpenPlatform(config, /*migrate=*/false, 1);
  auto summary = catalog::ImportItems(
      *platform->db, *platform->ledger, CommandLineActor(), *departments, division, platform->clock,
      [](const std::string& department, int64_t items) {
        fmt::print(stderr, "  {:<16} {:>5} items\n", department, items);
      });
  if (!summary) {
    spdlog::error("item import failed: {}", summary.error().message);
    throw CLI::RuntimeError(1);
  }
  fmt::print(
      "imported {} items of {} departments ({} new departments): {} new, {} changed, "
      "{} unchanged\n",
      summary->items, summary->departments, summary->departments_created, summary->created,
      summary->changed, summary->unchanged);
}

void ImportCalendarCommand(const Config& config, const std::string& path) {
  calendar::HolidaySchedules schedules;
  if (std::filesystem::is_directory(path)) {
    auto loaded = calendar::LoadScheduleFolder(path);
    if (!loaded) {
      spdlog::error("cannot read the calendar folder: {}", loaded.error().message);
      throw CLI::RuntimeError(1);
    }
    schedules = std::move(*loaded);
  } else {
    auto year = calendar::LoadYearScheduleFile(path);
    if (!year) {
      spdlog::error("cannot read the calendar file: {}", year.error().message);
      throw CLI::RuntimeError(1);
    }
    if (auto ok = schedules.SetYear(*year); !ok) {
      spdlog::error("invalid holiday schedule: {}", ok.error().message);
      throw CLI::RuntimeError(1);
    }
  }

  auto platform = OpenPlatform(config, /*migrate=*/false, 1);
  auto summary = calendar::StoreSchedules(*platform->db, *platform->ledger, CommandLineActor(),
                                          schedules, platform->clock);
  if (!summary) {
    spdlog::error("calendar import failed: {}", summary.error().message);
    throw CLI::RuntimeError(1);
  }
  fmt::print("imported {} holiday schedules ({} to {}), {} listed days\n", summary->years.size(),
             summary->years.front(), summary->years.back(), summary->days);
}

}  // namespace

void RegisterImportCatalog(CLI::App& import, Config& config) {
  auto* items = import.add_subcommand(
      "items", "Load a service-item catalogue (JSON export of the provincial portal) from FILE");
  items->add_option("--database", config.database, "sqlite:PATH or postgresql://...");
  auto file = std::make_shared<std::string>();
  auto division = std::make_shared<std::string>("511602");
  items->add_option("FILE", *file, "the JSON file of departments and their items")->required();
  items->add_option("--division", *division,
                    "division code the departments belong to (default 511602, 广安区)");
  items->callback([&config, file, division] { ImportItemsCommand(config, *file, *division); });

  auto* holidays = import.add_subcommand(
      "calendar", "Load holiday schedules in the holiday-cn format from a YYYY.json FILE or a DIR");
  holidays->add_option("--database", config.database, "sqlite:PATH or postgresql://...");
  auto path = std::make_shared<std::string>();
  holidays->add_option("PATH", *path, "a YYYY.json file or a folder of them")->required();
  holidays->callback([&config, path] { ImportCalendarCommand(config, *path); });
}

}  // namespace mingjing::app
