/// Limited-memory BFGS (Nocedal and Wright, algorithm 7.5) with a backtracking Armijo line
/// search: enough for the smooth convex losses here.
struct LBFGS {
    /// Pairs of steps and gradient changes kept.
    var memory = 10
    var maxIterations = 500
    /// Stop when the largest gradient component is at most this.
    var gradientTolerance = 1e-6

    /// Minimises `objective` (value and gradient) from `start`; returns the point and the
    /// iterations taken.
    func minimize(from start: [Double], _ objective: ([Double]) -> (Double, [Double])) -> (point: [Double], iterations: Int) {
        var x = start
        var (fx, g) = objective(x)
        var steps: [[Double]] = []
        var changes: [[Double]] = []
        var iterations = 0
        while iterations < maxIterations {
            if g.map(abs).max() ?? 0 <= gradientTolerance { break }
            iterations += 1
            var direction = twoLoop(g, steps, changes).map { -$0 }
            var slope = dot(direction, g)
            if slope >= 0 {
                // Not a descent direction (curvature lost): restart from steepest descent.
                steps = []
                changes = []
                direction = g.map { -$0 }
                slope = dot(direction, g)
            }
            var step = steps.isEmpty ? min(1, 1 / max(1e-12, dot(g, g).squareRoot())) : 1
            var accepted: (x: [Double], f: Double, g: [Double])?
            for _ in 0..<50 {
                let candidate = zip(x, direction).map { $0 + step * $1 }
                let (fc, gc) = objective(candidate)
                if fc <= fx + 1e-4 * step * slope {
                    accepted = (candidate, fc, gc)
                    break
                }
                step *= 0.5
            }
            guard let next = accepted else { break }
            let s = zip(next.x, x).map { $0 - $1 }
            let y = zip(next.g, g).map { $0 - $1 }
            if dot(s, y) > 1e-12 {
                steps.append(s)
                changes.append(y)
                if steps.count > memory {
                    steps.removeFirst()
                    changes.removeFirst()
                }
            }
            let improvement = fx - next.f
            x = next.x
            fx = next.f
            g = next.g
            if improvement <= 1e-13 * max(1, abs(fx)) { break }
        }
        return (x, iterations)
    }

    /// The inverse-Hessian approximation times `g`.
    private func twoLoop(_ g: [Double], _ steps: [[Double]], _ changes: [[Double]]) -> [Double] {
        var q = g
        var alphas = [Double](repeating: 0, count: steps.count)
        for i in stride(from: steps.count - 1, through: 0, by: -1) {
            let rho = 1 / dot(changes[i], steps[i])
            alphas[i] = rho * dot(steps[i], q)
            for k in q.indices { q[k] -= alphas[i] * changes[i][k] }
        }
        if let s = steps.last, let y = changes.last {
            let gamma = dot(s, y) / dot(y, y)
            for k in q.indices { q[k] *= gamma }
        }
        for i in steps.indices {
            let rho = 1 / dot(changes[i], steps[i])
            let beta = rho * dot(changes[i], q)
            for k in q.indices { q[k] += steps[i][k] * (alphas[i] - beta) }
        }
        return q
    }

    private func dot(_ a: [Double], _ b: [Double]) -> Double {
        var total = 0.0
        for i in a.indices { total += a[i] * b[i] }
        return total
    }
}
