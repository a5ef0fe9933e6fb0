public import Foundation

/// Where a simulation's bytes go, file by file, in order. Keeps the simulator free of I/O.
public protocol SimulationSink {
    /// Appends bytes to a file (the first call for a file carries its header).
    mutating func append(_ bytes: [UInt8], to file: SimulationFile) throws
    /// Called once after the last bytes.
    mutating func finish() throws
}

/// Keeps every file in memory (tests).
public struct MemorySink: SimulationSink {
    public private(set) var files: [SimulationFile: [UInt8]] = [:]

    public init() {}

    public mutating func append(_ bytes: [UInt8], to file: SimulationFile) throws { files[file, default: []] += bytes }
    public mutating func finish() throws {}
}

/// Writes the files into a directory, creating it if needed and replacing files of the same names.
public struct DirectorySink: SimulationSink {
    public let directory: URL
    private var handles: [SimulationFile: FileHandle] = [:]

    public init(directory: URL) throws(SimulationError) {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for file in SimulationFile.all {
                let url = directory.appendingPathComponent(file.fileName)
                guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                    throw SimulationError("cannot create \(url.path)")
                }
                handles[file] = try FileHandle(forWritingTo: url)
            }
        } catch let error as SimulationError {
            throw error
        } catch {
            throw SimulationError("cannot write to \(directory.path): \(error.localizedDescription)")
        }
    }

    public mutating func append(_ bytes: [UInt8], to file: SimulationFile) throws {
        guard let handle = handles[file] else { return }
        try bytes.withUnsafeBytes { raw in
            try handle.write(
                contentsOf: Data(
                    bytesNoCopy: UnsafeMutableRawPointer(mutating: raw.baseAddress!), count: raw.count,
                    deallocator: .none))
        }
    }

    public mutating func finish() throws {
        for handle in handles.values { try handle.close() }
        handles = [:]
    }
}
