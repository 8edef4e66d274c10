# Third-party libraries. spdlog and fmt are used header-only so the static
# binary needs no extra archive and carries only the code it uses.
find_package(nlohmann_json 3.10 REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)

if(STATIC)
  set(Boost_USE_STATIC_LIBS ON)
endif()
find_package(Boost 1.71 REQUIRED COMPONENTS program_options)

add_library(probe_logging INTERFACE)
# spdlog's own header-only target links the compiled libfmt; use the headers
# of both instead.
get_target_property(_spdlog_inc spdlog::spdlog_header_only INTERFACE_INCLUDE_DIRECTORIES)
get_target_property(_fmt_inc fmt::fmt-header-only INTERFACE_INCLUDE_DIRECTORIES)
target_include_directories(probe_logging SYSTEM INTERFACE ${_spdlog_inc} ${_fmt_inc})
# SPDLOG_NO_EXCEPTIONS: the logger's catch around its sinks formats the
# error with fmt's runtime formatter, which brings every type fmt can print
# into the static binary (52 KB with the text page's own fmt calls, now gone:
# docs/benchmarks.md, "Binary size"). The probe's one sink (log.cc) throws
# nothing but bad_alloc, which then reaches the caller of probe::log as from
# any other allocation there.
target_compile_definitions(probe_logging INTERFACE
  SPDLOG_HEADER_ONLY SPDLOG_FMT_EXTERNAL FMT_HEADER_ONLY SPDLOG_NO_THREAD_ID
  SPDLOG_NO_ATOMIC_LEVELS SPDLOG_DISABLE_DEFAULT_LOGGER SPDLOG_NO_EXCEPTIONS)

if(BUILD_TESTING)
  find_package(GTest REQUIRED)
  find_package(Python3 COMPONENTS Interpreter)
endif()
