import FlightDeckCore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// ``SafeFileWriter`` replaces regular files atomically and refuses
/// directories, FIFOs, devices, symbolic links (unless asked) and the
/// registry store, by device and inode. Devices are only ever `lstat`ed.
@Suite struct SafeFileWriterTests {
  let scratch = RegistryScratch()

  func contents(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  func refusal(_ writer: SafeFileWriter, _ path: String) -> String? {
    do {
      try writer.write(Data("x".utf8), to: path)
      return nil
    } catch let e as SafeFileWriter.Failure {
      return e.reason
    } catch {
      return "\(error)"
    }
  }

  @Test func replacesARegularFileAndKeepsItsMode() throws {
    let dir = try scratch.directory()
    let path = dir + "/out.md"
    try Data("old".utf8).write(to: URL(fileURLWithPath: path))
    chmod(path, 0o640)
    try SafeFileWriter().write(Data("new".utf8), to: path)
    #expect(contents(path) == "new")
    let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
    #expect(mode == 0o640)
    // A new file; no temporary file is left behind.
    try SafeFileWriter().write(Data("fresh".utf8), to: dir + "/new.md")
    #expect(contents(dir + "/new.md") == "fresh")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["new.md", "out.md"])
  }

  @Test func refusesADirectory() throws {
    let dir = try scratch.directory()
    try FileManager.default.createDirectory(atPath: dir + "/d", withIntermediateDirectories: false)
    #expect(refusal(SafeFileWriter(), dir + "/d") == "it is a directory")
    #expect(refusal(SafeFileWriter(), dir + "/missing/out.md") == "its folder does not exist")
  }

  @Test func refusesAFIFOWithoutOpeningIt() throws {
    let dir = try scratch.directory()
    let fifo = dir + "/pipe"
    #expect(mkfifo(fifo, 0o600) == 0)
    // Opening a FIFO for writing with no reader would block: the refusal must come first.
    #expect(refusal(SafeFileWriter(), fifo) == "it is a FIFO (named pipe)")
    var st = stat()
    #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
  }

  @Test func refusesADeviceByLstatOnly() throws {
    // /dev/null is only ever given to check(), which never writes (not even
    // a broken implementation could replace the device node from here).
    for writer in [SafeFileWriter(), SafeFileWriter(followSymbolicLinks: true)] {
      #expect {
        try writer.check("/dev/null")
      } throws: { ($0 as? SafeFileWriter.Failure)?.reason == "it is a device" }
    }
    // A symlink to it, followed, is checked as the device it resolves to.
    let dir = try scratch.directory()
    #expect(symlink("/dev/null", dir + "/null") == 0)
    #expect {
      try SafeFileWriter(followSymbolicLinks: true).check(dir + "/null")
    } throws: { ($0 as? SafeFileWriter.Failure)?.reason == "it is a device" }
  }

  @Test func symbolicLinkNeedsForce() throws {
    let dir = try scratch.directory()
    let target = dir + "/target.md"
    try Data("kept".utf8).write(to: URL(fileURLWithPath: target))
    #expect(symlink("target.md", dir + "/link.md") == 0)
    #expect(
      refusal(SafeFileWriter(), dir + "/link.md")
        == "it is a symbolic link (give --force to replace the file it points to)")
    #expect(contents(target) == "kept")
    try SafeFileWriter(followSymbolicLinks: true).write(Data("through".utf8), to: dir + "/link.md")
    #expect(contents(target) == "through")
    var st = stat()
    #expect(lstat(dir + "/link.md", &st) == 0 && st.st_mode & S_IFMT == S_IFLNK)
    // A link to a FIFO is refused even with --force.
    #expect(mkfifo(dir + "/pipe", 0o600) == 0)
    #expect(symlink(dir + "/pipe", dir + "/to-pipe") == 0)
    #expect(
      refusal(SafeFileWriter(followSymbolicLinks: true), dir + "/to-pipe") == "it is a FIFO (named pipe)")
  }

  @Test func refusesTheStoreByDeviceAndInode() throws {
    let dir = try scratch.directory()
    let store = dir + "/registry.sqlite"
    try Data("SQLite format 3\u{0}".utf8).write(to: URL(fileURLWithPath: store))
    let writer = SafeFileWriter(
      protectedPaths: SafeFileWriter.storeFiles(store), followSymbolicLinks: true)
    let reason = "it is the workspace's registry store (\(store))"
    #expect(refusal(writer, store) == reason)
    // Another spelling, a hard link and a symlink name the same inode.
    #expect(refusal(writer, dir + "/./registry.sqlite") == reason)
    #expect(link(store, dir + "/hard") == 0)
    #expect(refusal(writer, dir + "/hard") == reason)
    #expect(symlink(store, dir + "/soft") == 0)
    #expect(refusal(writer, dir + "/soft") == reason)
    // An absent -wal is not created either (same folder by inode, same name).
    #expect(
      refusal(writer, dir + "/../" + (dir as NSString).lastPathComponent + "/registry.sqlite-wal")
        == "it is the workspace's registry store (\(store)-wal)")
    #expect(contents(store) == "SQLite format 3\u{0}")
    #expect(!FileManager.default.fileExists(atPath: store + "-wal"))
    // Nor a rollback journal, which SQLite would take for a hot journal.
    #expect(refusal(writer, store + "-journal") == "it is the workspace's registry store (\(store)-journal)")
    #expect(!FileManager.default.fileExists(atPath: store + "-journal"))
  }
}
