import Foundation
import GrouperCore
import GrouperSupport
import Synchronization

/// A sweep: one claim store grouped under every variant of a grid, the variants spread over
/// worker threads, each reduced to its distribution figures per definition as soon as it is
/// grouped (so only one grouping per worker is in memory). The result is in grid order whatever
/// the threads.
///
/// Definitions of different payment programs group the same claims independently (see
/// ``EpisodeDefinition/program``), so the definitions of programs no `--vary` touches are grouped
/// once and their figures shared by every variant; each variant groups only the programs it
/// changes.
package struct Sweep: Sendable {
  /// One variant's figures.
  package struct Outcome: Sendable {
    /// The variant.
    package var variant: Variant
    /// The figures per definition id.
    package var figures: [String: DistributionFigures]
    /// The categories of each definition's inclusion rules.
    package var categories: [String: Set<String>]
    /// The definition ids, in id order.
    package var definitions: [String]
  }

  /// The definitions as loaded.
  package var definitions: [EpisodeDefinition]
  /// The variants, in grid order.
  package var variants: [Variant]
  /// Members by id, when a members file was given.
  package var members: [String: Member]?
  /// The data's last date; the latest thru date when nil.
  package var through: Day?
  /// Worker threads.
  package var jobs: Int

  /// A sweep of `variants` over `definitions`.
  package init(
    definitions: [EpisodeDefinition], variants: [Variant], members: [String: Member]?,
    through: Day?, jobs: Int
  ) {
    self.definitions = definitions
    self.variants = variants
    self.members = members
    self.through = through
    self.jobs = max(1, jobs)
  }

  /// Groups `store` under every variant; `finished` is called (from any thread) with the number
  /// of variants done after each one.
  package func run(_ store: ClaimStore, finished: @escaping @Sendable (Int) -> Void = { _ in })
    -> [Outcome]
  {
    let varied = Set(variants.flatMap { $0.settings.map(\.axis.definition) })
    let touched = Set(definitions.filter { varied.contains($0.id) }.map(\.program))
    let moving = definitions.filter { touched.contains($0.program) }
    let still = definitions.filter { !touched.contains($0.program) }
    let fixed: Outcome? =
      still.isEmpty ? nil : figures(Variant(settings: []), of: still, store: store, jobs: jobs)
    let slots = Mutex<[Outcome?]>(Array(repeating: nil, count: variants.count))
    let next = Atomic<Int>(0)
    let done = Atomic<Int>(0)
    let workers = min(jobs, variants.count)
    let perVariant = max(1, jobs / max(1, variants.count))
    let work = { @Sendable in
      while true {
        let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard k < variants.count else { return }
        var outcome = figures(variants[k], of: moving, store: store, jobs: perVariant)
        if let fixed {
          outcome.figures.merge(fixed.figures) { a, _ in a }
          outcome.categories.merge(fixed.categories) { a, _ in a }
          outcome.definitions = (outcome.definitions + fixed.definitions).sorted()
        }
        slots.withLock { $0[k] = outcome }
        finished(done.wrappingAdd(1, ordering: .relaxed).newValue)
      }
    }
    if workers <= 1 {
      work()
    } else {
      DispatchQueue.concurrentPerform(iterations: workers) { _ in work() }
    }
    return slots.withLock { $0.map { $0! } }
  }

  /// Groups the store under one variant of `definitions` and reduces the result to its figures.
  func figures(
    _ variant: Variant, of definitions: [EpisodeDefinition], store: ClaimStore, jobs: Int
  ) -> Outcome {
    let varied = variant.apply(to: definitions)
    let result = Grouper(definitions: varied, members: members, through: through, jobs: jobs)
      .run(store)
    let run = RunEpisodes(result)
    var figures: [String: DistributionFigures] = [:]
    let byDefinition = Dictionary(grouping: run.episodes, by: \.definition)
    for d in run.definitions { figures[d] = DistributionFigures(byDefinition[d] ?? []) }
    var categories: [String: Set<String>] = [:]
    for d in varied { categories[d.id] = Set(d.include.map(\.category)) }
    return Outcome(
      variant: variant, figures: figures, categories: categories, definitions: run.definitions)
  }

  /// The file `sweep` writes.
  package static let output = "sweep.csv"

  /// `sweep.csv`: a row per variant × definition, in grid order then definition id order.
  package static func csv(_ outcomes: [Outcome]) -> [UInt8] {
    var all = Set<String>()
    for o in outcomes { for c in o.categories.values { all.formUnion(c) } }
    let categories = all.sorted()
    var w = CSVWriter(
      header: ["variant", "definition_id"] + DistributionFigures.columns(categories: categories))
    for o in outcomes {
      for d in o.definitions {
        w.row(
          [o.variant.name, d]
            + o.figures[d]!.row(categories: categories, own: o.categories[d] ?? []))
      }
    }
    return w.bytes
  }
}
