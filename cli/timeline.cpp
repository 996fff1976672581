// ctom replay: an auditor's timeline of one stream, each event followed by the candidate's
// status, completion and certification after it, every line judged at one instant (--as-of,
// else --known-at, else now), printed once at the top.
#include <chrono>
#include <cstdio>
#include <string>

#include "cli/command_line.hpp"
#include "cli/ledger_access.hpp"
#include "cli/vault_access.hpp"
#include "domain/event_codec.hpp"
#include "domain/event_json.hpp"
#include "domain/time.hpp"
#include "projections/candidate_outcome.hpp"
#include "projections/fold.hpp"
#include "projections/record_json.hpp"
#include "projections/recorded_event.hpp"

namespace ctom::cli {
namespace {

constexpr const char* kUsage =
    "usage: ctom replay --data DIR <candidate id or stream> [--position N] [--as-of T]\n"
    "                   [--known-at T] [--json]\n"
    "Prints each event of the stream and, after it, the candidate's status, completion and\n"
    "certification, with \"(was ...)\" where they changed (--json: a \"changed\" list).\n"
    "Every line is judged at one instant, printed first: --as-of, else --known-at, else now.\n"
    "Works while the server runs (read-only follower), and on a restored backup.\n";

std::string StreamOf(const std::string& name) {
  for (const char* prefix : {"candidate-", "cohort-", "mentor-", "document-"}) {
    if (name.rfind(prefix, 0) == 0) return name;
  }
  return name == "program" ? name : domain::CandidateStream(name);
}

// The streams whose events decide what a stream shows: the program (rules), a candidate's cohort
// (named by its first event, the application), and the stream itself.
std::vector<std::string> StreamsDeciding(const std::string& stream,
                                         const eventstore::RecordedEvent& first,
                                         const projections::Unsealer& unsealer) {
  std::vector<std::string> streams{std::string(domain::kProgramStream)};
  if (auto recorded = projections::ToRecorded(first, unsealer)) {
    if (const auto* applied = std::get_if<domain::ApplicationSubmitted>(&recorded->event)) {
      streams.push_back(domain::CohortStream(applied->cohort));
    }
  }
  if (stream != domain::kProgramStream) streams.push_back(stream);
  return streams;
}

std::string Describe(const domain::Evaluation& evaluation) {
  return evaluation.met ? "met" : "unmet: " + projections::JoinCodes(evaluation.Unmet());
}

// The candidate after an event: each part as the text prints it, and completion and
// certification as the JSON writes them.
struct Line {
  std::string status, completion, certification;
  std::string completion_json, certification_json;
};

// {"met": bool, "unmet": [codes]}.
std::string EvaluationJson(const domain::Evaluation& evaluation) {
  std::string unmet;
  for (const std::string& code : evaluation.Unmet()) {
    unmet += (unmet.empty() ? "" : ",") + domain::JsonString(code);
  }
  return std::string("{\"met\":") + (evaluation.met ? "true" : "false") + ",\"unmet\":[" + unmet +
         "]}";
}

// {"state": ...} and, once certified, the certificate, its status and its expiry date.
std::string CertificationJson(const domain::Certification& certification,
                              const std::string& certificate_status) {
  std::string out = "{\"state\":" + domain::JsonString(certification.state);
  if (certification.state == "certified") {
    out += ",\"certificate\":" + domain::JsonString(certification.certificate) +
           ",\"status\":" + domain::JsonString(certificate_status) +
           ",\"expires_on\":" + domain::JsonString(domain::FormatDate(certification.expires_on));
  }
  return out + "}";
}

// The candidate in `program`, judged at `judged_at` (the same instant for every line).
Line After(const domain::Program& program, const std::string& candidate_id,
           domain::Instant judged_at) {
  const domain::Candidate* c = program.FindCandidate(candidate_id);
  if (c == nullptr) return {};
  const auto outcome = projections::EvaluateCandidate(program, *c, judged_at, program.rules);
  std::string certification = c->certification.state;
  if (c->certification.state == "certified") {
    certification += " " + c->certification.certificate + " " + outcome.certificate_status +
                     " until " + domain::FormatDate(c->certification.expires_on);
  }
  return Line{c->status, Describe(outcome.completion), certification,
              EvaluationJson(outcome.completion),
              CertificationJson(c->certification, outcome.certificate_status)};
}

// " (was <before>)" when a part of the candidate changed since its previous event.
std::string Was(const std::string& before, const std::string& after) {
  return before.empty() || before == after ? "" : " (was " + before + ")";
}

void PrintText(const eventstore::RecordedEvent& record, const projections::Unsealer& unsealer,
               const Line& line, const Line& before) {
  auto event = unsealer.Decode(record.stream, record.stream_version, record.type,
                               record.schema_version, record.payload);
  std::printf("#%llu %s v%llu %s (recorded %s) by %s (%s) %s\n  %s\n",
              static_cast<unsigned long long>(record.position), record.stream.c_str(),
              static_cast<unsigned long long>(record.stream_version),
              domain::FormatInstant(record.occurred_at_us).c_str(),
              domain::FormatInstant(record.recorded_at_us).c_str(), record.actor.user_id.c_str(),
              record.actor.role.c_str(), record.type.c_str(),
              event ? domain::EventDataJson(event->event).c_str() : "(undecodable)");
  if (line.status.empty()) return;
  std::printf("  status %s%s | completion %s%s | certification %s%s\n", line.status.c_str(),
              Was(before.status, line.status).c_str(), line.completion.c_str(),
              Was(before.completion, line.completion).c_str(), line.certification.c_str(),
              Was(before.certification, line.certification).c_str());
}

// The parts of the candidate that changed since its previous event, as a JSON list.
std::string ChangedJson(const Line& line, const Line& before) {
  std::string changed;
  auto note = [&](const char* name, const std::string& was, const std::string& now) {
    if (was != now) changed += std::string(changed.empty() ? "\"" : ",\"") + name + "\"";
  };
  note("status", before.status, line.status);
  note("completion", before.completion, line.completion);
  note("certification", before.certification, line.certification);
  return "[" + changed + "]";
}

void PrintJson(const eventstore::RecordedEvent& record, const projections::Unsealer& unsealer,
               const Line& line, const Line& before) {
  std::string out = "{\"event\":" + projections::RecordJsonText(record, unsealer);
  if (!line.status.empty()) {
    out += ",\"status\":" + domain::JsonString(line.status) +
           ",\"completion\":" + line.completion_json +
           ",\"certification\":" + line.certification_json +
           ",\"changed\":" + ChangedJson(line, before);
  }
  out += "}\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
}

domain::Instant NowInWholeSeconds() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
}

// The instant every line is judged at, once, before the first event: as the views judge a
// point-in-time query, --as-of, else --known-at, else now.
void PrintJudgedAt(domain::Instant judged_at, bool json) {
  const std::string at = domain::FormatInstant(judged_at);
  if (json) {
    std::printf("{\"judged_at\":%s}\n", domain::JsonString(at).c_str());
  } else {
    std::printf("judged at %s\n", at.c_str());
  }
}

std::optional<projections::Bounds> ReadBounds(const Arguments& args) {
  projections::Bounds bounds;
  if (auto text = args.Option("position")) {
    if (text->empty() || text->find_first_not_of("0123456789") != std::string::npos ||
        text->size() > 19) {
      UsageError("--position must be a log position");
      return std::nullopt;
    }
    bounds.position = std::stoull(*text);
  }
  for (const char* name : {"as-of", "known-at"}) {
    if (auto text = args.Option(name)) {
      auto instant = domain::ParseInstant(*text);
      if (!instant) {
        UsageError(std::string("--") + name + " must be an RFC 3339 instant");
        return std::nullopt;
      }
      (std::string(name) == "as-of" ? bounds.as_of : bounds.known_at) = *instant;
    }
  }
  return bounds;
}

}  // namespace

int RunReplay(int argc, char** argv) {
  auto args = ParseArguments(argc, argv, 2, {"data", "position", "as-of", "known-at", "key-file"},
                             {"json"}, 1);
  if (!args) return kExitUsage;
  if (args->help) return std::fputs(kUsage, stdout), kExitOk;
  if (!args->Has("data") || args->positional.size() != 1) {
    return UsageError("replay needs --data DIR and one candidate id or stream");
  }
  const auto bounds = ReadBounds(*args);
  if (!bounds) return kExitUsage;
  auto followed = FollowedLedger::Open(*args->Option("data"), KeyFileOf(*args));
  if (!followed) return kExitUsage;
  const std::string stream = StreamOf(args->positional.front());
  auto first = followed->ledger().ReadStream(stream, 1, 1);
  if (!first) return UsageError("cannot read " + stream + ": " + first.error().detail);
  if (first->empty()) return UsageError("no stream " + stream + " in the ledger");
  const std::string candidate_id = stream.rfind("candidate-", 0) == 0 ? stream.substr(10) : "";
  const bool json = args->Has("json");
  const domain::Instant judged_at = bounds->JudgedAt(NowInWholeSeconds());
  PrintJudgedAt(judged_at, json);
  Line before;
  // The same fold as the views' point-in-time queries, printing after each event of the stream.
  const projections::Unsealer& unsealer = followed->unsealer();
  auto folded = projections::FoldStreams(
      followed->ledger(), unsealer, StreamsDeciding(stream, first->front(), unsealer), *bounds,
      [&](const domain::Program& program, const eventstore::RecordedEvent& record) {
        if (record.stream != stream) return;
        const Line line = candidate_id.empty() ? Line{} : After(program, candidate_id, judged_at);
        json ? PrintJson(record, unsealer, line, before)
             : PrintText(record, unsealer, line, before);
        before = line;
      });
  if (!folded) return UsageError("cannot fold " + stream + ": " + folded.error());
  return std::fflush(stdout) == 0 ? kExitOk : kExitUsage;
}

}  // namespace ctom::cli
