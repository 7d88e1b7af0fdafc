import FlightDeckCore
import Foundation
import Testing

@testable import FlightDeckStorePostgres

/// The location parser and the password file (no server needed).
@Suite struct PostgresLocationTests {
  let noFiles: (String) -> Bool = { _ in false }

  @Test func aFullURL() throws {
    let l = try PostgresLocation(
      parsing:
        "postgres://alice@db.example.org:6543/flightdeck?sslmode=require&passfile=/etc/fd/pgpass&connect_timeout=3",
      environment: [:], fileExists: noFiles)
    #expect(l.user == "alice" && l.host == "db.example.org" && l.port == 6543 && l.database == "flightdeck")
    #expect(l.tlsMode == .require && l.passwordFile == "/etc/fd/pgpass" && l.connectTimeoutSeconds == 3)
    #expect(
      l.description
        == "postgres://alice@db.example.org:6543/flightdeck?sslmode=require&passfile=/etc/fd/pgpass&connect_timeout=3"
    )
  }

  @Test func defaults() throws {
    let l = try PostgresLocation(
      parsing: "postgresql://ops-host", environment: ["USER": "carol", "HOME": "/home/carol"],
      fileExists: { $0 == "/home/carol/.pgpass" })
    #expect(l.user == "carol" && l.port == 5432 && l.database == "carol" && l.tlsMode == .prefer)
    #expect(l.passwordFile == "/home/carol/.pgpass" && l.connectTimeoutSeconds == 10)
    let env = try PostgresLocation(
      parsing: "postgres://bob@[::1]:5433/", environment: ["PGPASSFILE": "/run/pw", "HOME": "/h"],
      fileExists: { _ in true })
    #expect(
      env.host == "::1" && env.endpoint == "[::1]:5433" && env.database == "bob"
        && env.passwordFile == "/run/pw")
    let encoded = try PostgresLocation(
      parsing: "postgres://d%40ve@h/my%20db?sslmode=disable", environment: [:], fileExists: noFiles)
    #expect(encoded.user == "d@ve" && encoded.database == "my db" && encoded.tlsMode == .disable)
  }

  @Test(arguments: [
    ("sqlite:/tmp/x", "must start with postgres:// or postgresql://"),
    (
      "postgres://alice@h/db?sslmode=maybe",
      "has sslmode=maybe; use one of disable, prefer, require, verify-full"
    ),
    (
      "postgres://alice@h/db?user=bob",
      "has the unknown query item user; the known ones are sslmode, passfile, sslrootcert, connect_timeout"
    ),
    ("postgres://alice@h/db?sslmode=disable&sslmode=require", "gives the query item sslmode twice"),
    ("postgres://alice@h/db?connect_timeout=0", "has connect_timeout=0; give whole seconds from 1 to 3600"),
    ("postgres://alice@h/db?passfile=", "has an empty passfile"),
    ("postgres://alice@h:0/db", "has port 0, outside 1…65535"),
    ("postgres://alice@/db", "names no host"),
    ("postgres://alice@h/db/extra", "has the path /db/extra; give one database name"),
    ("postgres://alice@h/db#frag", "has a #fragment"),
  ])
  func badLocationsAreRefusedByName(text: String, why: String) {
    let error = #expect(throws: RegistryError.self) {
      try PostgresLocation(parsing: text, environment: [:], fileExists: { _ in false })
    }
    #expect(error?.code == .invalidInput(field: "store"))
    #expect(
      error?.message.hasPrefix("the PostgreSQL store location \(why)") == true, "\(String(describing: error))"
    )
  }

  @Test func aPasswordInTheURLIsRefusedWithoutRepeatingIt() {
    let error = #expect(throws: RegistryError.self) {
      try PostgresLocation(
        parsing: "postgres://alice:s3cr3t-pw@h/db", environment: [:], fileExists: { _ in false })
    }
    #expect(error?.message.contains("carries a password") == true)
    #expect(error?.message.contains("s3cr3t") == false)
  }

  @Test func thePasswordFileMatchesItsFirstLine() throws {
    let path = try PostgresTestCluster.passwordFile([
      "# comment", "", "otherhost:*:*:alice:wrong", "db.example.org:5432:other:alice:wrong-db",
      "db.example.org:5432:*:alice:pa\\:ss\\\\word", "*:*:*:*:fallback",
    ])
    #expect(
      try PostgresPasswordFile.password(
        in: path, host: "db.example.org", port: 5432, database: "fd", user: "alice")
        == "pa:ss\\word")
    #expect(
      try PostgresPasswordFile.password(in: path, host: "x", port: 1, database: "y", user: "z") == "fallback")
    let literalStar = try PostgresTestCluster.passwordFile(["\\*:*:*:*:star-host"])
    #expect(
      try PostgresPasswordFile.password(in: literalStar, host: "h", port: 1, database: "d", user: "u") == nil)
    #expect(
      try PostgresPasswordFile.password(in: literalStar, host: "*", port: 1, database: "d", user: "u")
        == "star-host")
  }

  @Test func aPasswordFileOthersCanReadIsRefused() throws {
    let path = try PostgresTestCluster.passwordFile(["*:*:*:*:secret-value"], mode: 0o640)
    let error = #expect(throws: RegistryError.self) {
      try PostgresPasswordFile.password(in: path, host: "h", port: 1, database: "d", user: "u")
    }
    #expect(error?.code == .invalidInput(field: "passfile"))
    #expect(
      error?.message
        == "the PostgreSQL password file \(path) is readable by group or others (mode 640); a password others can read is not a secret: chmod 600 \(path)"
    )
    // Through the location, as a store would read it.
    let location = try PostgresLocation(
      parsing: "postgres://u@h/d?passfile=\(path)", environment: [:], fileExists: { _ in false })
    #expect(throws: RegistryError.self) { try location.password() }
  }

  @Test func aMalformedPasswordLineIsNamedByNumberOnly() throws {
    let path = try PostgresTestCluster.passwordFile(["h:1:d:u:ok", "h:1:secret-in-a-bad-line"])
    let error = #expect(throws: RegistryError.self) {
      try PostgresPasswordFile.password(in: path, host: "x", port: 1, database: "d", user: "u")
    }
    #expect(error?.message.contains("line 2 has 3 fields, not 5") == true)
    #expect(error?.message.contains("secret") == false)
    let missing = #expect(throws: RegistryError.self) {
      try PostgresPasswordFile.password(
        in: "/nonexistent/pgpass", host: "x", port: 1, database: "d", user: "u")
    }
    #expect(
      missing?.message
        == "the PostgreSQL password file /nonexistent/pgpass cannot be read: No such file or directory")
  }
}
