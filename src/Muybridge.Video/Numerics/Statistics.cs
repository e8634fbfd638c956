using System.Numerics;

namespace Muybridge.Video.Numerics;

/// <summary>The robust middles the detectors share (off the hot paths: they sort a copy).</summary>
internal static class Statistics
{
    /// <summary>The middle value, or the upper of the two middle ones for an even count; zero for none.</summary>
    public static T Median<T>(IEnumerable<T> values)
        where T : INumber<T>
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? T.Zero : sorted[sorted.Length / 2];
    }

    /// <summary>The middle value, or the mean of the two middle ones for an even count (NaN for none).</summary>
    public static double MedianAveraged(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
