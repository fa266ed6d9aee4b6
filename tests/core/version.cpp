// The version macros say what CMake's project version says (CMakeLists.txt reads them from version.hpp).
#include <catch2/catch.hpp>

#include <string_view>

#include <egret/egret.hpp>

TEST_CASE("version: the macros, the string and CMake's project version agree", "[core]") {
  STATIC_REQUIRE(EGRET_VERSION == EGRET_VERSION_MAJOR * 10000 + EGRET_VERSION_MINOR * 100 + EGRET_VERSION_PATCH);
  CHECK(std::string_view(EGRET_VERSION_STRING) == EGRET_CMAKE_VERSION);
  CHECK(std::string_view(EGRET_VERSION_STRING) == "0.2.0");
}
