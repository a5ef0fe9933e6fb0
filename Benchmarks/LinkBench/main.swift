// The dedupe figure of linkage-bench.sh: the very `LinkJob` that `fundwatch link` runs (read the
// inputs, link, write pairs and clusters), in an executable that links only the Linkage target,
// so a release build does not wait for the web server's dependencies.
//
//   LinkBench CONFIG.yaml
import Foundation
import Linkage

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: LinkBench CONFIG.yaml\n".utf8))
    exit(2)
}
let progress: @Sendable (String) -> Void = { FileHandle.standardError.write(Data("link: \($0)\n".utf8)) }
do {
    let clock = ContinuousClock()
    let start = clock.now
    let job = try LinkJob(configPath: arguments[1])
    let result = try job.run(progress: progress)
    try job.write(result, progress: progress)
    progress("done: \(result.links.count) links, \(result.clusterCount) entities, \(result.recordCount) records in \(clock.now - start)")
} catch let error as LinkageError {
    FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
