namespace Muybridge.Video.Numerics;

/// <summary>
/// Differences counted in whole grey levels (−256…255, clamped): the median of a frame's worth of them without sorting or
/// allocating, for the exposure offsets and grain levels measured on every frame.
/// </summary>
internal sealed class LevelHistogram
{
    private const int Zero = 256;
    private readonly int[] _counts = new int[2 * Zero];
    private long _total;

    public void Clear()
    {
        Array.Clear(_counts);
        _total = 0;
    }

    /// <summary>Counts one difference, in grey levels (rounded to the nearest).</summary>
    public void Add(float levels)
    {
        _counts[Math.Clamp((int)MathF.Round(levels) + Zero, 0, _counts.Length - 1)]++;
        _total++;
    }

    /// <summary>The lowest level at which half of what was counted is reached.</summary>
    public int Median()
    {
        long seen = 0;
        for (var bin = 0; bin < _counts.Length; bin++)
        {
            seen += _counts[bin];
            if (2 * seen >= _total)
            {
                return bin - Zero;
            }
        }

        return _counts.Length - 1 - Zero;
    }
}
