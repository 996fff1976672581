// The record of a simulated life, and the layout of a simulated payload.
#include "tests/simulation/life_record.hpp"

#include <algorithm>

namespace ctom::simulation {

void LifeRecord::Note(std::string line) {
  std::lock_guard lock(mutex);
  history.push_back(std::move(line));
}

void LifeRecord::Failure(std::string line) {
  std::lock_guard lock(mutex);
  history.push_back("FAILURE: " + line);
  failures.push_back(std::move(line));
}

void LifeRecord::Acknowledge(const eventstore::AppendRequest& request,
                             const eventstore::AppendResult& result) {
  std::lock_guard lock(mutex);
  acknowledged.push_back({request, result});
  history.push_back("acknowledged " + request.idempotency_key + " on " + request.stream + " at " +
                    std::to_string(result.first_position) + ".." +
                    std::to_string(result.last_position));
}

void LifeRecord::LeftUnanswered(const eventstore::AppendRequest& request) {
  std::lock_guard lock(mutex);
  unanswered.push_back(request);
  history.push_back("unanswered " + request.idempotency_key);
}

void LifeRecord::ErasureBegun(const std::string& person) {
  std::lock_guard lock(mutex);
  erasures_begun.insert(person);
}

void LifeRecord::ErasureAcknowledged(const std::string& person) {
  std::lock_guard lock(mutex);
  erasures_acknowledged.insert(person);
}

std::uint64_t LifeRecord::LastAcknowledgedPosition() const {
  std::lock_guard lock(mutex);
  std::uint64_t last = 0;
  for (const Acknowledged& done : acknowledged) last = std::max(last, done.result.last_position);
  return last;
}

std::uint64_t LifeRecord::AcknowledgedCount() const {
  std::lock_guard lock(mutex);
  return acknowledged.size();
}

std::string SealedFor(const std::string& person) { return "ctom-simulation/" + person; }

std::string PayloadPerson(const std::string& payload) {
  return payload.substr(0, payload.find('\n'));
}

std::string PayloadSealed(const std::string& payload) {
  const auto newline = payload.find('\n');
  return newline == std::string::npos ? std::string() : payload.substr(newline + 1);
}

}  // namespace ctom::simulation
