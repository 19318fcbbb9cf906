# Every dependency comes from a Debian 12 package; scripts/install-deps.sh installs them.

find_package(Threads REQUIRED)
find_package(Boost 1.81 REQUIRED COMPONENTS json url)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(ZLIB REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)

# Debian's libsoci-dev ships no CMake package, so the libraries are found by name.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIBRARY soci_core REQUIRED)
find_library(SOCI_SQLITE3_LIBRARY soci_sqlite3 REQUIRED)
find_library(SOCI_POSTGRESQL_LIBRARY soci_postgresql REQUIRED)
add_library(soci INTERFACE)
target_include_directories(soci INTERFACE ${SOCI_INCLUDE_DIR} ${PostgreSQL_INCLUDE_DIRS})
target_link_libraries(soci INTERFACE ${SOCI_CORE_LIBRARY} ${SOCI_SQLITE3_LIBRARY}
                      ${SOCI_POSTGRESQL_LIBRARY} SQLite::SQLite3 PostgreSQL::PostgreSQL
                      ${CMAKE_DL_LIBS})

if(MINGJING_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(MINGJING_BENCH)
  find_package(benchmark REQUIRED)
endif()
