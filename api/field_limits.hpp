// The longest value each kind of field of a request body may hold, in one place. A longer value is
// refused 400 naming the field; nothing is cut short.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ctom::api {

// Names of people and employers, titles, positions, locations, providers, references.
inline constexpr std::size_t kNameBytesMax = 300;
// Ids of records: candidates, mentors, assignments, documents, users.
inline constexpr std::size_t kIdBytesMax = 100;
// Portfolio and submission links.
inline constexpr std::size_t kUrlBytesMax = 2000;
// Free text: notes, reasons, statements, feedback, comments.
inline constexpr std::size_t kTextBytesMax = 20'000;
// A payment method's name (the refusal names the methods accepted).
inline constexpr std::size_t kPaymentMethodBytesMax = 50;
// A California CDS code: 14 digits.
inline constexpr std::size_t kCdsCodeBytes = 14;
// A cohort's schedule: the kickoff, eight sessions and the final; a session's topics.
inline constexpr std::size_t kSessionsMax = 10;
inline constexpr std::size_t kTopicsPerSessionMax = 20;
// Payments and refunds, in cents ($1,000,000).
inline constexpr std::int64_t kMoneyCentsMax = 100'000'000;

}  // namespace ctom::api
