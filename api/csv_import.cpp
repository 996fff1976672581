// Importing a CSV file: read, check the columns, prepare each row, decide (dry run) or record.
#include "api/csv_import.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <future>

#include "api/command_answer.hpp"
#include "api/csv_table.hpp"
#include "api/json_body.hpp"
#include "api/json_text.hpp"

namespace ctom::api {
namespace json = boost::json;

namespace {

// A row's refusal from the problem answer an HTTP request would get: its code, and its detail,
// or for a validation problem every refused field as "<column>: <message>".
RowRefusal RefusalOf(std::size_t row, const HttpResponse& problem) {
  RowRefusal refusal{row, std::string(problem_code::kInternal), ""};
  boost::system::error_code error;
  const json::value parsed = json::parse(problem.body, error);
  const json::object* object = error ? nullptr : parsed.if_object();
  if (object == nullptr) return refusal;
  auto text = [](const json::object& from, std::string_view key) {
    const json::value* value = from.if_contains(key);
    return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
  };
  refusal.code = text(*object, "code");
  if (const json::value* errors = object->if_contains("errors"); errors && errors->is_array()) {
    for (const json::value& field : errors->get_array()) {
      if (!field.is_object()) continue;
      refusal.detail += (refusal.detail.empty() ? "" : "; ") + text(field.as_object(), "field") +
                        ": " + text(field.as_object(), "message");
    }
  }
  if (refusal.detail.empty()) refusal.detail = text(*object, "detail");
  return refusal;
}

}  // namespace

CsvImport::CsvImport(ProgramCommands& commands, command::CommandService& service,
                     projections::LiveViews& views)
    : commands_(commands), service_(service), views_(views) {}

HttpResponse CsvImport::Import(const HttpRequest& request, const PathParameters& path,
                               const Caller& caller) {
  const ImportKind* kind = FindImportKind(path.at("kind"));
  if (kind == nullptr) return NotFoundProblem("no import kind " + path.at("kind"));
  const auto type = request.Header("content-type");
  if (!type || !IsUtf8MediaType(*type, "text/csv")) {
    return ProblemResponse(Problem{.status = 415,
                                   .code = std::string(problem_code::kUnsupportedMediaType),
                                   .detail = "an import is text/csv (UTF-8)"});
  }
  const std::string_view dry_run = request.Query("dry_run").value_or("false");
  if (dry_run != "true" && dry_run != "false") {
    return ValidationProblem("dry_run", "must be true or false");
  }
  auto result = Run(*kind, request.body, caller, dry_run == "true");
  if (!result) return std::move(result.error());
  return TextResponse(200, "application/json", ImportResultJson(*result));
}

HttpResponse CsvImport::Template(const PathParameters& path) {
  const std::string& file = path.at("file");
  const ImportKind* kind = file.ends_with(".csv")
                               ? FindImportKind(std::string_view(file).substr(0, file.size() - 4))
                               : nullptr;
  if (kind == nullptr) return NotFoundProblem("no import template " + file);
  HttpResponse answer = TextResponse(200, "text/csv; charset=utf-8", ImportTemplate(*kind));
  answer.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + "\"");
  return answer;
}

std::expected<ImportResult, HttpResponse> CsvImport::Run(const ImportKind& kind,
                                                         std::string_view text,
                                                         const Caller& caller, bool dry_run) {
  auto table = ReadCsv(text);
  if (!table) return std::unexpected(ValidationProblem("body", table.error()));
  if (auto checked = CheckColumns(kind, table->header); !checked) {
    return std::unexpected(std::move(checked.error()));
  }
  ImportResult result;
  result.rows = table->rows.size();
  const CandidateDirectory candidates =
      views_.Read([](const domain::Program& program) { return CandidateDirectory(program); });
  const RowContext context{kind, table->header, candidates, caller};
  std::vector<CommandRequest> requests;
  std::vector<std::size_t> rows;  // the row number of each request
  for (const CsvRow& row : table->rows) {
    if (!row.malformed.empty()) {
      result.refused.push_back(
          RowRefusal{row.number, std::string(problem_code::kValidation), row.malformed});
      continue;
    }
    auto prepared = PrepareRow(context, row.cells);
    if (!prepared) {
      result.refused.push_back(RefusalOf(row.number, prepared.error()));
      continue;
    }
    requests.push_back(commands_.StampRow(std::move(prepared->command), caller,
                                          prepared->occurred_at, prepared->key));
    rows.push_back(row.number);
  }
  const std::vector<CommandResult> decided =
      dry_run ? service_.DecideOnly(requests) : Record(requests);
  for (std::size_t i = 0; i < decided.size(); ++i) {
    if (!decided[i]) {
      result.refused.push_back(RefusalOf(rows[i], CommandProblem(decided[i].error())));
      continue;
    }
    ++result.accepted;
    if (!dry_run && !decided[i]->replayed) ++result.appended;
  }
  std::ranges::sort(result.refused, {}, &RowRefusal::row);
  return result;
}

std::vector<CommandResult> CsvImport::Record(const std::vector<CommandRequest>& requests) {
  std::vector<CommandResult> results;
  results.reserve(requests.size());
  for (std::size_t begin = 0; begin < requests.size(); begin += kImportChunkRows) {
    const std::size_t end = std::min(requests.size(), begin + kImportChunkRows);
    std::vector<std::promise<CommandResult>> chunk(end - begin);
    for (std::size_t i = begin; i < end; ++i) {
      service_.Submit(requests[i], [&ended = chunk[i - begin]](CommandResult result) {
        ended.set_value(std::move(result));
      });
    }
    for (std::promise<CommandResult>& ended : chunk) {
      results.push_back(service_.Settle(ended.get_future().get()));
    }
  }
  return results;
}

std::string ImportResultJson(const ImportResult& result) {
  json::array refused;
  for (const RowRefusal& row : result.refused) {
    refused.push_back(json::object{{"row", row.row}, {"code", row.code}, {"detail", row.detail}});
  }
  return JsonText(json::object{{"rows", result.rows},
                               {"accepted", result.accepted},
                               {"refused", std::move(refused)},
                               {"appended", result.appended}});
}

}  // namespace ctom::api
