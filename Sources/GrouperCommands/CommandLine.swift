import GrouperSupport

/// An option a command takes: `--name VALUE`, or a flag `--name`.
package struct OptionSpec: Sendable {
  /// The long name, without dashes.
  package var name: String
  /// The placeholder for its value in help; nil for a flag.
  package var valueName: String?
  /// One line of help.
  package var help: String
  /// Whether the command needs it.
  package var isRequired: Bool
  /// Whether it takes several values: repeated, or several words after it (`--baseline a b`).
  package var takesSeveral: Bool

  /// An option.
  package init(
    _ name: String, value: String? = nil, required: Bool = false, several: Bool = false,
    help: String
  ) {
    self.name = name
    self.valueName = value
    self.help = help
    self.isRequired = required
    self.takesSeveral = several
  }
}

/// How many times a command's last positional argument may be given.
package enum ArgumentCount: Sendable {
  /// Exactly once.
  case one
  /// Once or more (`grouper merge DIR…`).
  case oneOrMore
  /// Any number of times, or not at all (`grouper test [PATH…]`).
  case zeroOrMore
}

/// A subcommand: its name, what it does, and its options.
package struct CommandSpec: Sendable {
  /// The name after `grouper`.
  package var name: String
  /// One line: what it does.
  package var abstract: String
  /// More lines of help, shown after the options.
  package var discussion: String
  /// Its options.
  package var options: [OptionSpec]
  /// The names of the positional arguments it takes, in order (most commands take none).
  package var arguments: [String] = []
  /// How many times the last positional argument may be given.
  package var lastArgument = ArgumentCount.one

  /// The help text: usage, options and discussion.
  package var help: String {
    var usage = "USAGE: grouper \(name)"
    for a in arguments.dropLast(lastArgument == .zeroOrMore ? 1 : 0) { usage += " <\(a)>" }
    switch lastArgument {
    case .one: break
    case .oneOrMore: usage += "..."
    case .zeroOrMore: if let last = arguments.last { usage += " [<\(last)>…]" }
    }
    for o in options {
      let part = "--\(o.name)" + (o.valueName.map { " <\($0)>" } ?? "")
      usage += o.isRequired ? " \(part)" : " [\(part)]"
    }
    var text = "OVERVIEW: \(abstract)\n\n\(usage)\n\nOPTIONS:\n"
    let width =
      (options.map { 2 + $0.name.count + ($0.valueName.map { $0.count + 3 } ?? 0) }.max() ?? 0) + 2
    for o in options + [OptionSpec("help", help: "Show this help.")] {
      let left = "--\(o.name)" + (o.valueName.map { " <\($0)>" } ?? "")
      text +=
        "  " + left + String(repeating: " ", count: max(2, width - left.count)) + o.help + "\n"
    }
    if !discussion.isEmpty { text += "\n" + discussion + "\n" }
    return text
  }
}

/// The options given to a command, checked against its spec.
package struct ParsedArguments: Sendable {
  /// Option values by name.
  package var values: [String: String] = [:]
  /// Flags given.
  package var flags: Set<String> = []
  /// Whether `--help` was given.
  package var wantsHelp = false
  /// The positional arguments, in order.
  package var positionals: [String] = []

  /// Every value of an option that takes several, in order.
  package var lists: [String: [String]] = [:]

  /// The value of an option, when given (the first of one that takes several).
  package func value(_ name: String) -> String? { values[name] }

  /// Every value of an option that takes several, in order; empty when not given.
  package func list(_ name: String) -> [String] { lists[name] ?? [] }

  /// Whether a flag was given.
  package func flag(_ name: String) -> Bool { flags.contains(name) }

  /// Parses `arguments` (after the command name) against `spec`. Throws a usage error naming the
  /// unknown option (with the nearest known one), a missing value, a repeated option, or a
  /// missing required option.
  package static func parse(_ arguments: [String], for spec: CommandSpec) throws -> ParsedArguments
  {
    var parsed = ParsedArguments()
    var i = 0
    while i < arguments.count {
      let argument = arguments[i]
      i += 1
      if argument == "--help" || argument == "-h" {
        parsed.wantsHelp = true
        continue
      }
      guard argument.hasPrefix("--") else {
        guard parsed.positionals.count < spec.arguments.count || spec.lastArgument != .one else {
          throw Diagnostic.usage(spec.name, .unexpectedArgument(argument, command: spec.name))
        }
        parsed.positionals.append(argument)
        continue
      }
      var name = String(argument.dropFirst(2))
      var inlineValue: String?
      if let eq = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: eq)...])
        name = String(name[..<eq])
      }
      guard let option = spec.options.first(where: { $0.name == name }) else {
        throw Diagnostic.usage(
          spec.name, .unknownOption(name, nearest: nearest(name, in: spec.options.map(\.name))))
      }
      if option.valueName == nil {
        guard inlineValue == nil else {
          throw Diagnostic.usage(spec.name, .optionTakesNoValue(name))
        }
        parsed.flags.insert(name)
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else {
        guard i < arguments.count, !arguments[i].hasPrefix("--") else {
          throw Diagnostic.usage(spec.name, .optionNeedsValue(name, option.valueName!))
        }
        value = arguments[i]
        i += 1
      }
      if option.takesSeveral {
        parsed.lists[name, default: []].append(value)
        if parsed.values[name] == nil { parsed.values[name] = value }
        if inlineValue == nil {
          while i < arguments.count, !arguments[i].hasPrefix("--"),
            parsed.positionals.count >= spec.arguments.count
          {
            parsed.lists[name]!.append(arguments[i])
            i += 1
          }
        }
        continue
      }
      guard parsed.values[name] == nil else {
        throw Diagnostic.usage(spec.name, .optionRepeated(name))
      }
      parsed.values[name] = value
    }
    if !parsed.wantsHelp {
      let needed = spec.arguments.count - (spec.lastArgument == .zeroOrMore ? 1 : 0)
      if parsed.positionals.count < needed {
        let missing = spec.arguments[parsed.positionals.count..<needed].map { "<\($0)>" }.joined(
          separator: " ")
        throw Diagnostic.usage(spec.name, .missingArguments(missing, command: spec.name))
      }
      for o in spec.options where o.isRequired && parsed.values[o.name] == nil {
        throw Diagnostic.usage(
          spec.name, .missingOption(o.name, o.valueName ?? "", command: spec.name))
      }
    }
    return parsed
  }

  /// A whole number option of at least `minimum`, or `fallback` when not given.
  package func int(_ name: String, atLeast minimum: Int, default fallback: Int, command: String)
    throws -> Int
  {
    guard let text = values[name] else { return fallback }
    guard let n = Int(text), n >= minimum else {
      throw Diagnostic.usage(command, .optionNotAWholeNumber(name, atLeast: minimum, found: text))
    }
    return n
  }

  /// A date option, when given.
  package func day(_ name: String, command: String) throws -> Day? {
    guard let text = values[name] else { return nil }
    guard let d = Day(iso: text) else {
      throw Diagnostic.usage(command, .optionNotADate(name, found: text))
    }
    return d
  }
}
