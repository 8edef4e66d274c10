# Included before project(): refuse in-source builds, which would litter the
# checkout with CMake's files (see cmake-init's prelude.cmake for the idea).
if(CMAKE_SOURCE_DIR STREQUAL CMAKE_BINARY_DIR)
  message(FATAL_ERROR
    "In-source builds are not supported. Use a preset, e.g. "
    "`cmake --preset dev`, or a build directory: `cmake -S . -B build/mine`. "
    "Then delete CMakeCache.txt and CMakeFiles/ from the source tree.")
endif()
