// report_schema.h against the contract itself, docs/report.schema.json (and
// docs/host-failure.schema.json): the name and version the C++ code writes and
// checks are the ones the schema file requires (tools/summary.py reads them
// from the file, so all readers agree).
#include "report_schema.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

#include "fake_system.h"
#include "render.h"
#include "run.h"

namespace probe {
namespace {

nlohmann::json schema_file(const std::string& name = "report.schema.json") {
  std::ifstream in(std::string(PROBE_SOURCE_ROOT) + "/docs/" + name);
  EXPECT_TRUE(in.good()) << "docs/" << name << " not found";
  return nlohmann::json::parse(in);
}

TEST(ReportSchema, HeaderAgreesWithTheSchemaFile) {
  const nlohmann::json schema = schema_file();
  const auto& props = schema.at("properties");
  EXPECT_EQ(props.at("schema").at("const").get<std::string>(), report_schema::kName);
  EXPECT_EQ(props.at("schema_version").at("const").get<int>(), report_schema::kVersion);
  EXPECT_EQ(schema.at("$id").get<std::string>(),
            "urn:syscall-probe:report:" + std::to_string(report_schema::kVersion));
}

// The host-failure document compare reads as a FAILED column: scripts write
// it (scripts/lib/tables.sh), docs/host-failure.schema.json describes it.
TEST(ReportSchema, HostFailureHeaderAgreesWithItsSchemaFile) {
  const nlohmann::json schema = schema_file("host-failure.schema.json");
  const auto& props = schema.at("properties");
  EXPECT_EQ(props.at("schema").at("const").get<std::string>(), report_schema::kHostFailureName);
  EXPECT_EQ(props.at("schema_version").at("const").get<int>(), report_schema::kHostFailureVersion);
  EXPECT_EQ(schema.at("$id").get<std::string>(),
            "urn:syscall-probe:host-failure:" + std::to_string(report_schema::kHostFailureVersion));
}

TEST(ReportSchema, RenderedReportCarriesTheHeadersValues) {
  testing::FakeSystem sys;
  Options options;
  options.format = Format::Json;
  options.nr = 548;
  std::string out;
  run_with(sys, options, out, false);
  const auto report = nlohmann::json::parse(out);
  EXPECT_EQ(report.at("schema").get<std::string>(), report_schema::kName);
  EXPECT_EQ(report.at("schema_version").get<int>(), report_schema::kVersion);
}

}  // namespace
}  // namespace probe
