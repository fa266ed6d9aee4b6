// Build-system self-check: egret_tests builds, links Catch2 and sees egret's headers.
#include <egret/egret.hpp>

#include <catch2/catch.hpp>

#include <string>

TEST_CASE("buildsys smoke: load_error formats file:line:column: reason", "[core][buildsys]") {
  egret::load_error const e("f.csv", 3, 7, "bad");
  CHECK(std::string(e.what()) == "f.csv:3:7: bad");
  CHECK(e.file() == "f.csv");
  CHECK(e.line() == 3);
  CHECK(e.column() == 7);
  CHECK(e.reason() == "bad");

  // It is an egret::error, catchable as such.
  CHECK_THROWS_AS(throw egret::load_error("f.csv", 3, 7, "bad"), egret::error);
}
