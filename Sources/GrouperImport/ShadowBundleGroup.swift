/// One clinical episode category of CMS's shadow bundles (BPCI Advanced-style), as the trigger-list
/// workbook defines it: an inpatient group triggered by MS-DRGs, an outpatient group triggered by
/// HCPCS codes, or a multi-setting group triggered by either.
package struct ShadowBundleGroup: Sendable, Equatable {
  /// Where a group's episodes start.
  package enum Setting: String, Sendable, CaseIterable {
    /// An inpatient stay (`IP-` groups).
    case inpatient = "IP"
    /// An outpatient procedure (`OP-` groups).
    case outpatient = "OP"
    /// Either (`MS-` groups, multisetting "Y").
    case multiSetting = "MS"
  }

  /// A trigger code and its description in the workbook.
  package struct Code: Sendable, Equatable {
    /// The code.
    package var code: String
    /// The workbook's description.
    package var description: String
  }

  /// The workbook's name, trimmed (`IP-Acute myocardial infarction`).
  package var name: String
  /// The episode group id (`A0001`); IP and OP groups of one clinical area share it.
  package var groupID: String
  /// The setting.
  package var setting: Setting
  /// `Medical` or `Surgical`.
  package var kind: String
  /// The service line group (`Cardiac Care`), when the service-line sheet names one.
  package var serviceLine: String?
  /// The MS-DRGs of anchor stays.
  package var drgs: [Code]
  /// The HCPCS codes of anchor procedures.
  package var hcpcs: [Code]

  /// The definition id: setting and group id (`IP_A0001`), unique across the 34 groups.
  package var definitionID: String { "\(setting.rawValue)_\(groupID)" }

  /// The name without its setting prefix (`Acute myocardial infarction`).
  package var title: String {
    for prefix in ["IP-", "OP-", "MS-"] where name.hasPrefix(prefix) {
      return String(name.dropFirst(prefix.count))
    }
    return name
  }

  /// Whether this is the TAVR group (its stays also need a TAVR procedure).
  package var isTAVR: Bool {
    setting == .inpatient && title.lowercased().contains("transcatheter aortic valve")
  }

  /// Whether this is the upper-extremity joint replacement group (its stays also need an MJRUE
  /// trigger procedure).
  package var isMJRUE: Bool {
    setting == .multiSetting && title.lowercased().contains("upper extremity")
  }

  /// Whether this is the lower-extremity joint replacement group (MJRLE), whose later episodes
  /// win an overlap with earlier ones.
  package var isMJRLE: Bool {
    setting == .multiSetting && title.lowercased().contains("lower extremity")
  }

  /// Whether this is a PCI group (inpatient or outpatient), which a later TAVR episode replaces.
  package var isPCI: Bool { title.lowercased().contains("percutaneous coronary intervention") }
}
