/// Why a chart cannot be drawn.
public enum ChartError: Error, Equatable, CustomStringConvertible {
    /// Width or height below what a chart needs (the message says the minimum).
    case invalidSize(String)
    /// No series has a finite value.
    case noData

    public var description: String {
        switch self {
        case .invalidSize(let message): return message
        case .noData: return "nothing to chart: no series has a finite value"
        }
    }
}
