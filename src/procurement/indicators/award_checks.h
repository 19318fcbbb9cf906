// Questions about bids and awards that several indicators ask of a contracting process.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "procurement/contracting_process.h"

namespace mingjing::procurement {

// An award that is pending or invalid means the outcome is not final yet.
bool HasPendingOrInvalidAward(const ContractingProcess& process);

bool HasActiveAward(const ContractingProcess& process);

// True when a bid or award names an organisation without an `id`, so that it cannot be counted.
bool HasReferenceWithoutId(const ContractingProcess& process);

// The distinct tenderers of the bids with `status`.
std::set<std::string> TenderersWithStatus(const ContractingProcess& process, BidStatus status);

// The distinct suppliers of the active awards.
std::set<std::string> ActiveAwardSuppliers(const ContractingProcess& process);

// The one supplier of the one active award, when the outcome is final and unambiguous: no award
// is pending or invalid, exactly one award is active and has exactly one supplier, and every
// submitted bid has exactly one tenderer. Otherwise nothing, and the caller skips the process.
std::optional<std::string> SoleWinner(const ContractingProcess& process);

}  // namespace mingjing::procurement
