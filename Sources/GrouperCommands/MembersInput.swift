import GrouperCore
import GrouperReaders
import GrouperSupport

/// Reads the members file at `path`, its dates checked against `dates`, showing the read on
/// `display` when given; throws a located diagnostic when it is missing or unusable.
func readMembers(_ path: String, dates: DateBounds, display: ProgressDisplay? = nil) throws
  -> MembersFile
{
  try requireFile(path, "members")
  display?.read(path)
  defer { display?.stop() }
  var reader = MembersReader(path: path)
  reader.dates = dates
  let members = try reader.read()
  display?.endReading()
  return members
}
