import GrouperSupport

extension GroupingContext {
  /// The transfer chains of a member's stays, by the claim of each stay in a chain of two or
  /// more (see ``TransferRule``; BPCI Advanced `c3_resolve_transfer_stays`).
  ///
  /// Stays are sorted by admission, discharge and claim id; a stay joins the chain of the stay
  /// before it (of the same payer) when it is admitted on that stay's discharge day by another
  /// billing provider. An unknown provider never differs.
  func transferChains(_ lines: [Int], legs: CompiledPredicate) -> [UInt32: [Stay]] {
    var stays: [Stay] = []
    var byClaim: [UInt32: Int] = [:]
    for index in lines {
      let line = store.lines[index]
      if let s = byClaim[line.claim] {
        stays[s].admit = min(stays[s].admit, line.admit)
        stays[s].discharge = max(stays[s].discharge, line.discharge)
        if stays[s].provider == 0 { stays[s].provider = line.billingProvider }
        continue
      }
      guard legs.test(line, .outside, store) else { continue }
      byClaim[line.claim] = stays.count
      stays.append(
        Stay(
          claim: line.claim, payer: line.payer, admit: line.admit, discharge: line.discharge,
          provider: line.billingProvider))
    }
    guard stays.count > 1 else { return [:] }
    stays.sort { a, b in
      if a.payer != b.payer { return a.payer < b.payer }
      if a.admit != b.admit { return a.admit < b.admit }
      if a.discharge != b.discharge { return a.discharge < b.discharge }
      return store.claims.precedes(a.claim, b.claim)
    }
    var chains: [UInt32: [Stay]] = [:]
    var chain: [Stay] = []
    func close() {
      if chain.count > 1 { for stay in chain { chains[stay.claim] = chain } }
      chain.removeAll()
    }
    for stay in stays {
      if let previous = chain.last, previous.payer == stay.payer,
        previous.discharge == stay.admit, previous.provider != 0, stay.provider != 0,
        previous.provider != stay.provider
      {
        chain.append(stay)
      } else {
        close()
        chain = [stay]
      }
    }
    close()
    return chains
  }
}
