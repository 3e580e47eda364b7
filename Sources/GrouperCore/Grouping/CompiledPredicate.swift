import GrouperSupport

/// A set of code ids of one code system, as a bitmap over that system's interner: the form in
/// which a code set is tested millions of times.
struct CodeBitmap: Sendable {
  private var words: [UInt64]

  /// The bitmap of the codes in `store` that `set` holds; an MDC set becomes the bitmap of the
  /// MS-DRGs whose MDC it holds.
  init(_ set: CodeSet, in store: ClaimStore) {
    if set.system == .mdc {
      let drgs = store.codes(.msDRG)
      words = [UInt64](repeating: 0, count: (drgs.count + 63) / 64)
      guard drgs.count > 1 else { return }
      let table = MSDRGTable.fy2026
      for id in 1..<UInt32(drgs.count) {
        guard let n = Int(drgs.string(id)), let mdc = table.mdc(of: n) else { continue }
        var text = mdc
        let hit = text.withUTF8 { bytes in set.patterns.contains { $0.matches(bytes) } }
        if hit { insert(id) }
      }
      return
    }
    let table = store.codes(set.system)
    words = [UInt64](repeating: 0, count: (table.count + 63) / 64)
    var scanned: [CodePattern] = []
    for pattern in set.patterns {
      // Exact codes are looked up; wildcards and ranges are tested against every code once.
      if case .exact(let code) = pattern {
        if let id = table.lookup(code) { insert(id) }
      } else {
        scanned.append(pattern)
      }
    }
    guard !scanned.isEmpty, table.count > 1 else { return }
    for id in 1..<UInt32(table.count)
    where table.withBytes(id, { bytes in scanned.contains { $0.matches(bytes) } }) {
      insert(id)
    }
  }

  /// The bitmap of the provider ids in `store` whose CCN names a facility of one of `types`.
  init(providerTypes types: Set<ProviderType>, in store: ClaimStore) {
    let table = store.codes(.provider)
    words = [UInt64](repeating: 0, count: (table.count + 63) / 64)
    guard table.count > 1 else { return }
    for id in 1..<UInt32(table.count)
    where types.contains(table.withBytes(id, { ProviderType(provider: $0) })) {
      insert(id)
    }
  }

  private mutating func insert(_ id: UInt32) {
    words[Int(id >> 6)] |= 1 << UInt64(id & 63)
  }

  /// Whether the code id is in the set (id 0, no code, never is).
  func contains(_ id: UInt32) -> Bool {
    id != 0 && words[Int(id >> 6)] & (1 << UInt64(id & 63)) != 0
  }
}

/// What a test knows about a line beyond the line itself: its place in an episode.
package struct LineContext {
  /// The line's period in the episode, or nil outside an episode (triggers).
  package var period: EpisodePeriod?
  /// Whether the line belongs to the episode's trigger claim or a transfer stay of its anchor.
  var isTriggerClaim: Bool

  /// A context with nothing known: a line tested outside any episode.
  static let outside = LineContext(period: nil, isTriggerClaim: false)

  /// The context of `line` in `episode`: its period by from date, and whether it is of the trigger claim.
  package init(_ line: ClaimLine, in episode: Episode) {
    period =
      line.from < episode.anchor.first ? .pre : line.from <= episode.anchor.last ? .anchor : .post
    isTriggerClaim = episode.isAnchorClaim(line.claim)
  }

  init(period: EpisodePeriod?, isTriggerClaim: Bool) {
    self.period = period
    self.isTriggerClaim = isTriggerClaim
  }
}

/// A ``Predicate`` compiled against one run's claim store: claim types as a bit mask, code sets
/// as bitmaps.
indirect enum CompiledPredicate: Sendable {
  case all([CompiledPredicate])
  case any([CompiledPredicate])
  case not(CompiledPredicate)
  case claimTypes(UInt16)
  /// A code field tested against a code set; `set` names it for the trace.
  case field(CodeField, CodeBitmap, set: String)
  case periods(UInt8)
  case triggerClaim(Bool)
  case providers(CodeBitmap)
  case primaryPayerPaid(Bool)
  case onOrAfter(Day)
  case always

  /// Compiles a predicate against the codes `store` holds.
  init(_ predicate: Predicate, store: ClaimStore, cache: BitmapCache? = nil) {
    switch predicate {
    case .all(let parts):
      self = .all(parts.map { CompiledPredicate($0, store: store, cache: cache) })
    case .any(let parts):
      self = .any(parts.map { CompiledPredicate($0, store: store, cache: cache) })
    case .not(let p): self = .not(CompiledPredicate(p, store: store, cache: cache))
    case .claimType(let types):
      self = .claimTypes(types.reduce(0) { $0 | 1 << UInt16($1.rawValue) })
    case .field(let field, let set):
      self = .field(
        field, cache?.bitmap(of: set, in: store) ?? CodeBitmap(set, in: store), set: set.name)
    case .period(let periods): self = .periods(periods.reduce(0) { $0 | CompiledPredicate.bit($1) })
    case .triggerClaim(let flag): self = .triggerClaim(flag)
    case .providerType(let types):
      self = .providers(
        cache?.bitmap(of: types, in: store) ?? CodeBitmap(providerTypes: types, in: store))
    case .primaryPayerPaid(let flag): self = .primaryPayerPaid(flag)
    case .onOrAfter(let day): self = .onOrAfter(day)
    case .always: self = .always
    }
  }

  static func bit(_ period: EpisodePeriod) -> UInt8 {
    switch period {
    case .pre: return 1
    case .anchor: return 2
    case .post: return 4
    }
  }

  /// Whether `line` passes.
  func test(_ line: ClaimLine, _ context: LineContext, _ store: ClaimStore) -> Bool {
    switch self {
    case .all(let parts):
      for p in parts where !p.test(line, context, store) { return false }
      return true
    case .any(let parts):
      for p in parts where p.test(line, context, store) { return true }
      return false
    case .not(let p):
      return !p.test(line, context, store)
    case .claimTypes(let mask):
      return mask & (1 << UInt16(line.type.rawValue)) != 0
    case .field(let field, let bitmap, _):
      switch field {
      case .drg: return bitmap.contains(line.drg)
      case .principalDx: return bitmap.contains(line.principalDx)
      case .anyDx:
        if bitmap.contains(line.principalDx) { return true }
        for code in store.codes(line.dx) where bitmap.contains(code) { return true }
        return false
      case .px:
        for code in store.codes(line.px) where bitmap.contains(code) { return true }
        return false
      case .hcpcs: return bitmap.contains(line.hcpcs)
      case .modifier:
        for code in store.codes(line.modifiers) where bitmap.contains(code) { return true }
        return false
      case .revenueCode: return bitmap.contains(line.revenueCode)
      case .placeOfService: return bitmap.contains(line.placeOfService)
      case .dischargeStatus: return bitmap.contains(line.dischargeStatus)
      case .billingProvider: return bitmap.contains(line.billingProvider)
      case .renderingProvider: return bitmap.contains(line.renderingProvider)
      case .mdc: return bitmap.contains(line.drg)
      }
    case .periods(let mask):
      guard let period = context.period else { return false }
      return mask & CompiledPredicate.bit(period) != 0
    case .triggerClaim(let flag):
      return context.isTriggerClaim == flag
    case .providers(let bitmap):
      return bitmap.contains(line.billingProvider)
    case .primaryPayerPaid(let flag):
      return line.hasPrimaryPayerPayment == flag
    case .onOrAfter(let day):
      return line.from >= day
    case .always:
      return true
    }
  }
}

extension CompiledPredicate {
  /// The code tests that made `line` pass, for the trace: every part of an `all`, the first part
  /// of an `any` that ``test(_:_:_:)`` passes, nothing under a `not`. Called only for a line the
  /// engine has found to pass, and only when tracing.
  func matches(_ line: ClaimLine, _ context: LineContext, _ store: ClaimStore) -> [PredicateMatch] {
    switch self {
    case .all(let parts):
      return parts.flatMap { $0.matches(line, context, store) }
    case .any(let parts):
      return parts.first { $0.test(line, context, store) }?.matches(line, context, store) ?? []
    case .field(let field, let bitmap, let set):
      var ids: [UInt32]
      switch field {
      case .drg, .mdc: ids = [line.drg]
      case .principalDx: ids = [line.principalDx]
      case .anyDx: ids = [line.principalDx] + Array(store.codes(line.dx))
      case .px: ids = Array(store.codes(line.px))
      case .hcpcs: ids = [line.hcpcs]
      case .modifier: ids = Array(store.codes(line.modifiers))
      case .revenueCode: ids = [line.revenueCode]
      case .placeOfService: ids = [line.placeOfService]
      case .dischargeStatus: ids = [line.dischargeStatus]
      case .billingProvider: ids = [line.billingProvider]
      case .renderingProvider: ids = [line.renderingProvider]
      }
      let system = field == .mdc ? CodeSystem.msDRG : field.system
      return ids.filter { bitmap.contains($0) }.map {
        PredicateMatch(field: field, codeSet: set, code: store.code($0, system))
      }
    default:
      return []
    }
  }
}

/// An episode definition with its predicates compiled for one run: a reference, so the hot loops
/// that look a definition up per line copy no more than a pointer.
final class CompiledDefinition: Sendable {
  let definition: EpisodeDefinition
  /// The definition's program, as an index into the run's sorted program names.
  let program: Int
  let trigger: CompiledPredicate
  let confirmation: CompiledPredicate?
  let exclude: [CompiledPredicate]
  let include: [CompiledPredicate]
  let cancelLine: [CompiledPredicate?]
  /// The stays that may chain, when transfers merge.
  let transferLegs: CompiledPredicate?
  /// The lines that count before the anchor, when the definition limits them.
  let preAnchor: CompiledPredicate?
  /// Each exclusion rule's `extends_to` test.
  let extendsTo: [CompiledPredicate?]

  init(
    _ definition: EpisodeDefinition, program: Int, store: ClaimStore, cache: BitmapCache? = nil
  ) {
    self.definition = definition
    self.program = program
    trigger = CompiledPredicate(definition.trigger, store: store, cache: cache)
    confirmation = definition.confirmation.map {
      CompiledPredicate($0.predicate, store: store, cache: cache)
    }
    exclude = definition.exclude.map { CompiledPredicate($0.predicate, store: store, cache: cache) }
    include = definition.include.map { CompiledPredicate($0.predicate, store: store, cache: cache) }
    transferLegs = definition.transfers.map {
      CompiledPredicate($0.legs, store: store, cache: cache)
    }
    preAnchor = definition.preAnchorTest.map { CompiledPredicate($0, store: store, cache: cache) }
    extendsTo = definition.exclude.map { rule in
      rule.extendsTo.map { CompiledPredicate($0, store: store, cache: cache) }
    }
    cancelLine = definition.cancel.map { rule in
      switch rule.condition {
      case .anyLine(let p), .triggerClaim(let p):
        return CompiledPredicate(p, store: store, cache: cache)
      case .death, .coverageGap, .anchorLongerThan: return nil
      }
    }
  }
}

/// Code-set bitmaps already compiled in one run, so definitions that share a code set (the CMS
/// definitions share their long exclusion lists) compile it once.
final class BitmapCache {
  private struct Key: Hashable {
    var system: CodeSystem
    var patterns: [CodePattern]
  }

  private var sets: [Key: CodeBitmap] = [:]
  private var providers: [Set<ProviderType>: CodeBitmap] = [:]

  /// The bitmap of a code set, compiled on first use.
  func bitmap(of set: CodeSet, in store: ClaimStore) -> CodeBitmap {
    let key = Key(system: set.system, patterns: set.patterns)
    if let known = sets[key] { return known }
    let made = CodeBitmap(set, in: store)
    sets[key] = made
    return made
  }

  /// The bitmap of the providers of some CCN types, compiled on first use.
  func bitmap(of types: Set<ProviderType>, in store: ClaimStore) -> CodeBitmap {
    if let known = providers[types] { return known }
    let made = CodeBitmap(providerTypes: types, in: store)
    providers[types] = made
    return made
  }
}
