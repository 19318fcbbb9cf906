// Helpers shared by the .cc files of mingjing_crypto. Not part of the public API.
#pragma once

#include <string>
#include <string_view>

namespace mingjing::crypto::internal {

// Initialises libsodium once per process. libsodium requires sodium_init() before any other
// call, and repeated calls are harmless. Throws std::runtime_error when libsodium cannot start,
// which happens only on a broken system (for example no entropy source).
void EnsureSodiumInitialized();

// Throws std::runtime_error naming the failed OpenSSL call, with the reason from OpenSSL's error
// queue, and clears the queue. Used only for failures that valid input cannot cause, such as
// a failed allocation or a missing algorithm provider.
[[noreturn]] void ThrowOpenSslError(std::string_view operation);

// Returns the last OpenSSL error as text and clears the queue, for error values that report
// rejected input (an unparsable key file, for example).
std::string OpenSslErrorText();

}  // namespace mingjing::crypto::internal
