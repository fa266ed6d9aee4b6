// egret's version: EGRET_VERSION_MAJOR, _MINOR, _PATCH and EGRET_VERSION (major * 10000 + minor * 100 + patch).
// The one place the version is written: CMakeLists.txt reads its project version from this file, and a test
// checks that the installed package's version says the same.
#pragma once

#define EGRET_VERSION_MAJOR 0
#define EGRET_VERSION_MINOR 2
#define EGRET_VERSION_PATCH 0
#define EGRET_VERSION (EGRET_VERSION_MAJOR * 10000 + EGRET_VERSION_MINOR * 100 + EGRET_VERSION_PATCH)

#define EGRET_VERSION_TEXT_(x) #x
#define EGRET_VERSION_TEXT(x) EGRET_VERSION_TEXT_(x)
/// The version as a string literal, "0.2.0".
#define EGRET_VERSION_STRING \
  EGRET_VERSION_TEXT(EGRET_VERSION_MAJOR) "." EGRET_VERSION_TEXT(EGRET_VERSION_MINOR) "." EGRET_VERSION_TEXT(EGRET_VERSION_PATCH)
