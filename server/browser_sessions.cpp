// The in-memory session store and the CSRF comparison.
#include "server/browser_sessions.hpp"

#include <openssl/crypto.h>

#include <algorithm>

#include "server/auth.hpp"

namespace ctom::server {

SessionStore::SessionStore(Clock clock) : clock_(std::move(clock)) {}

std::size_t SessionStore::HashOfHash::operator()(const std::string& hash) const {
  return std::hash<std::string_view>{}(std::string_view(hash).substr(0, 16));
}

bool SessionStore::ConstantTimeEqual::operator()(const std::string& a, const std::string& b) const {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::optional<OpenedSession> SessionStore::Open(std::string user_id) {
  auto session_id = GenerateToken();
  auto csrf = GenerateToken();
  if (!session_id || !csrf) return std::nullopt;
  const std::int64_t now_us = clock_();
  const std::int64_t lifetime_us =
      std::chrono::duration_cast<std::chrono::microseconds>(kSessionLifetime).count();
  OpenedSession opened{std::move(*session_id),
                       BrowserSession{std::move(user_id), std::move(*csrf), now_us + lifetime_us}};
  const std::string key = HashToken(opened.session_id);
  std::lock_guard lock(mutex_);
  if (sessions_.size() >= kSessionsMax) MakeRoom(now_us);
  sessions_.insert_or_assign(key, opened.session);
  return opened;
}

void SessionStore::MakeRoom(std::int64_t now_us) {
  std::erase_if(sessions_,
                [now_us](const auto& entry) { return entry.second.expires_at_us <= now_us; });
  if (sessions_.size() < kSessionsMax) return;
  const auto soonest = std::min_element(
      sessions_.begin(), sessions_.end(),
      [](const auto& a, const auto& b) { return a.second.expires_at_us < b.second.expires_at_us; });
  sessions_.erase(soonest);
}

std::optional<BrowserSession> SessionStore::Find(std::string_view session_id) {
  if (session_id.empty()) return std::nullopt;
  const std::string key = HashToken(session_id);
  const std::int64_t now_us = clock_();
  std::lock_guard lock(mutex_);
  const auto found = sessions_.find(key);
  if (found == sessions_.end()) return std::nullopt;
  if (found->second.expires_at_us <= now_us) {
    sessions_.erase(found);
    return std::nullopt;
  }
  return found->second;
}

bool SessionStore::End(std::string_view session_id) {
  const std::string key = HashToken(session_id);
  std::lock_guard lock(mutex_);
  return sessions_.erase(key) != 0;
}

std::size_t SessionStore::EndUser(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  return std::erase_if(sessions_,
                       [user_id](const auto& entry) { return entry.second.user_id == user_id; });
}

std::size_t SessionStore::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

bool CsrfMatches(std::string_view sent, std::string_view expected) {
  return !expected.empty() && sent.size() == expected.size() &&
         CRYPTO_memcmp(sent.data(), expected.data(), sent.size()) == 0;
}

}  // namespace ctom::server
