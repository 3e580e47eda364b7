extension ProviderReconciliation {
  /// Compares bundle payments with fee-for-service for a prospective program: the payer pays
  /// each episode's bundle price (its discounted target) instead of fee-for-service, plus, when
  /// the definition caps outliers, the spending above the cap. So the provider's gain over
  /// fee-for-service is Σ bundle − Σ capped actual, shown as the net amount.
  mutating func compareBundles() {
    let bundles = targetTotal ?? .zero
    grossVariance = bundles - cappedActualTotal
    outlierPayments = feeForServiceTotal - cappedActualTotal
    netReconciliation = bundles - cappedActualTotal
    if episodes == 0 { reason = "no priced episodes" }
  }
}
