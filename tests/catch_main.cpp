// The one Catch2 main for egret_tests (compiled once into egret_catch_main).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
