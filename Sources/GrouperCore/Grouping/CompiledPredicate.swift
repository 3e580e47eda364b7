import GrouperSupport

/// A set of code ids of one code system, as a bitmap over that system's interner: the form in
/// which a code set is tested millions of times.
struct CodeBitmap: Sendable {
  /// The bits, 64 code ids a word.
  private(set) var words: [UInt64]

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
    self.init(providerTypes: types, table: Self.providerTypes(in: store))
  }

  /// The bitmap of the provider ids whose type in `table` (``providerTypes(in:)``) is one of
  /// `types`.
  init(providerTypes types: Set<ProviderType>, table: [UInt8]) {
    words = [UInt64](repeating: 0, count: (table.count + 63) / 64)
    let wanted = ProviderType.allCases.map { types.contains($0) }
    for id in table.indices where id > 0 && wanted[Int(table[id])] { insert(UInt32(id)) }
  }

  /// The type of every provider id in `store`, as its index in `ProviderType.allCases`: worked
  /// out once, for every set of types the definitions test.
  static func providerTypes(in store: ClaimStore) -> [UInt8] {
    let table = store.codes(.provider)
    let types = ProviderType.allCases
    return (0..<UInt32(table.count)).map { id in
      let type = table.withBytes(id) { ProviderType(provider: $0) }
      return UInt8(types.firstIndex(of: type)!)
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
/// as bitmaps, the whole tree as one flat program of plain values (``PredicateProgram``), so a
/// test of a line retains and releases nothing.
struct CompiledPredicate: Sendable {
  /// The program.
  private let program: PredicateProgram

  /// Compiles a predicate against the codes `store` holds.
  init(_ predicate: Predicate, store: ClaimStore, cache: BitmapCache? = nil) {
    program = PredicateProgram(predicate, store: store, cache: cache)
  }

  static func bit(_ period: EpisodePeriod) -> UInt8 {
    switch period {
    case .pre: return 1
    case .anchor: return 2
    case .post: return 4
    }
  }

  /// Whether `line` passes.
  @inline(__always)
  func test(_ line: ClaimLine, _ context: LineContext, _ store: ClaimStore) -> Bool {
    program.test(0, line, context, store)
  }

  /// The code tests that made `line` pass, for the trace: every part of an `all`, the first part
  /// of an `any` that ``test(_:_:_:)`` passes, nothing under a `not`. Called only for a line the
  /// engine has found to pass, and only when tracing.
  func matches(_ line: ClaimLine, _ context: LineContext, _ store: ClaimStore) -> [PredicateMatch] {
    program.matches(0, line, context, store)
  }
}

/// A compiled predicate as nodes in one buffer, children as index ranges, and every code-set
/// bitmap in one buffer of words: immutable after it is built, and read through raw buffers.
final class PredicateProgram: @unchecked Sendable {
  /// What a node tests.
  enum Kind: UInt8 {
    case all, any, not, claimTypes, field, periods, triggerClaim, providers, primaryPayerPaid
    case onOrAfter, always
  }

  /// One node: its kind and its operands, by kind (see ``test(_:_:_:_:)``).
  struct Node {
    var kind: Kind
    var field: CodeField = .drg
    /// A mask (claim types, periods) or a flag (0 or 1).
    var mask: UInt16 = 0
    /// `all`, `any`, `not`: the first child in ``children``; bitmaps: the first word in ``words``;
    /// `onOrAfter`: the day's ordinal.
    var start: Int32 = 0
    /// `all`, `any`, `not`: the number of children; bitmaps: the number of words.
    var count: Int32 = 0
    /// `field`: the code set's name in ``names``.
    var name: Int32 = 0
  }

  private let nodes: UnsafeMutableBufferPointer<Node>
  private let children: UnsafeMutableBufferPointer<Int32>
  private let words: UnsafeMutableBufferPointer<UInt64>
  /// The code sets' names, for the trace.
  private let names: [String]

  /// The program of `predicate`; node 0 is its root.
  init(_ predicate: Predicate, store: ClaimStore, cache: BitmapCache?) {
    var builder = Builder(store: store, cache: cache)
    _ = builder.add(predicate)
    nodes = .allocate(capacity: builder.nodes.count)
    _ = nodes.initialize(from: builder.nodes)
    children = .allocate(capacity: builder.children.count)
    _ = children.initialize(from: builder.children)
    words = .allocate(capacity: builder.words.count)
    _ = words.initialize(from: builder.words)
    names = builder.names
  }

  deinit {
    nodes.deallocate()
    children.deallocate()
    words.deallocate()
  }

  /// Builds the buffers, children of a node kept together after it.
  private struct Builder {
    let store: ClaimStore
    let cache: BitmapCache?
    var nodes: [Node] = []
    var children: [Int32] = []
    var words: [UInt64] = []
    var names: [String] = []

    /// Adds the node of `predicate` and its children; returns its index.
    mutating func add(_ predicate: Predicate) -> Int32 {
      let index = Int32(nodes.count)
      nodes.append(Node(kind: .always))
      var node = Node(kind: .always)
      switch predicate {
      case .all(let parts), .any(let parts):
        node.kind = if case .all = predicate { .all } else { .any }
        let made = parts.map { add($0) }
        node.start = Int32(children.count)
        node.count = Int32(made.count)
        children += made
      case .not(let p):
        node.kind = .not
        let made = add(p)
        node.start = Int32(children.count)
        node.count = 1
        children.append(made)
      case .claimType(let types):
        node.kind = .claimTypes
        node.mask = types.reduce(0) { $0 | 1 << UInt16($1.rawValue) }
      case .field(let field, let set):
        node.kind = .field
        node.field = field
        (node.start, node.count) = bitmap(
          cache?.bitmap(of: set, in: store) ?? CodeBitmap(set, in: store))
        node.name = Int32(names.count)
        names.append(set.name)
      case .period(let periods):
        node.kind = .periods
        node.mask = UInt16(periods.reduce(0) { $0 | CompiledPredicate.bit($1) })
      case .triggerClaim(let flag):
        node.kind = .triggerClaim
        node.mask = flag ? 1 : 0
      case .providerType(let types):
        node.kind = .providers
        (node.start, node.count) = bitmap(
          cache?.bitmap(of: types, in: store) ?? CodeBitmap(providerTypes: types, in: store))
      case .primaryPayerPaid(let flag):
        node.kind = .primaryPayerPaid
        node.mask = flag ? 1 : 0
      case .onOrAfter(let day):
        node.kind = .onOrAfter
        node.start = day.ordinal
      case .always:
        node.kind = .always
      }
      nodes[Int(index)] = node
      return index
    }

    /// Appends a bitmap's words; returns where they start and how many there are.
    mutating func bitmap(_ bitmap: CodeBitmap) -> (Int32, Int32) {
      let start = Int32(words.count)
      words += bitmap.words
      return (start, Int32(bitmap.words.count))
    }
  }

  /// Whether the bitmap of node `n` holds code `id` (id 0, no code, never is).
  @inline(__always)
  private func contains(_ n: Node, _ id: UInt32) -> Bool {
    let word = Int(id >> 6)
    return id != 0 && word < Int(n.count)
      && words[Int(n.start) + word] & (1 << UInt64(id & 63)) != 0
  }

  /// Whether `line` passes node `index`.
  func test(_ index: Int, _ line: ClaimLine, _ context: LineContext, _ store: ClaimStore) -> Bool {
    let n = nodes[index]
    switch n.kind {
    case .all:
      for k in Int(n.start)..<Int(n.start + n.count)
      where !test(Int(children[k]), line, context, store) {
        return false
      }
      return true
    case .any:
      for k in Int(n.start)..<Int(n.start + n.count)
      where test(Int(children[k]), line, context, store) {
        return true
      }
      return false
    case .not:
      return !test(Int(children[Int(n.start)]), line, context, store)
    case .claimTypes:
      return n.mask & (1 << UInt16(line.type.rawValue)) != 0
    case .field:
      switch n.field {
      case .drg, .mdc: return contains(n, line.drg)
      case .principalDx: return contains(n, line.principalDx)
      case .anyDx:
        if contains(n, line.principalDx) { return true }
        return anyCode(n, line.dx, store)
      case .px: return anyCode(n, line.px, store)
      case .hcpcs: return contains(n, line.hcpcs)
      case .modifier: return anyCode(n, line.modifiers, store)
      case .revenueCode: return contains(n, line.revenueCode)
      case .placeOfService: return contains(n, line.placeOfService)
      case .dischargeStatus: return contains(n, line.dischargeStatus)
      case .billingProvider: return contains(n, line.billingProvider)
      case .renderingProvider: return contains(n, line.renderingProvider)
      }
    case .periods:
      guard let period = context.period else { return false }
      return n.mask & UInt16(CompiledPredicate.bit(period)) != 0
    case .triggerClaim:
      return context.isTriggerClaim == (n.mask != 0)
    case .providers:
      return contains(n, line.billingProvider)
    case .primaryPayerPaid:
      return line.hasPrimaryPayerPayment == (n.mask != 0)
    case .onOrAfter:
      return line.from.ordinal >= n.start
    case .always:
      return true
    }
  }

  /// Whether the bitmap of node `n` holds any code of a list.
  @inline(__always)
  private func anyCode(_ n: Node, _ list: CodeList, _ store: ClaimStore) -> Bool {
    guard list.count > 0 else { return false }
    return store.codePool.withUnsafeBufferPointer { pool in
      for k in Int(list.start)..<Int(list.start + list.count) where contains(n, pool[k]) {
        return true
      }
      return false
    }
  }

  /// The code tests under node `index` that made `line` pass (see
  /// ``CompiledPredicate/matches(_:_:_:)``).
  func matches(_ index: Int, _ line: ClaimLine, _ context: LineContext, _ store: ClaimStore)
    -> [PredicateMatch]
  {
    let n = nodes[index]
    switch n.kind {
    case .all:
      return (Int(n.start)..<Int(n.start + n.count)).flatMap {
        matches(Int(children[$0]), line, context, store)
      }
    case .any:
      let first = (Int(n.start)..<Int(n.start + n.count)).first {
        test(Int(children[$0]), line, context, store)
      }
      return first.map { matches(Int(children[$0]), line, context, store) } ?? []
    case .field:
      var ids: [UInt32]
      switch n.field {
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
      let system = n.field == .mdc ? CodeSystem.msDRG : n.field.system
      return ids.filter { contains(n, $0) }.map {
        PredicateMatch(field: n.field, codeSet: names[Int(n.name)], code: store.code($0, system))
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
  /// The type of every provider id (``CodeBitmap/providerTypes(in:)``), once one is asked for.
  private var providerTypes: [UInt8]?

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
    let table = providerTypes ?? CodeBitmap.providerTypes(in: store)
    providerTypes = table
    let made = CodeBitmap(providerTypes: types, table: table)
    providers[types] = made
    return made
  }
}
