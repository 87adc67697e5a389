using System.Collections.Frozen;

namespace Reconcile.Engine.Records;

/// <summary>
/// The number of decimal places of each active ISO 4217 currency's minor unit (USD 2, JPY 0,
/// KWD 3, CLF 4). Used to read integer minor units (a billing system's 999 is 9.99 USD but 999 JPY)
/// and to derive a default money tolerance of half a minor unit.
/// Source: the ISO 4217 list of active codes (table A.1), column "Minor unit"; fund codes
/// (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW) are included, precious metals and testing codes
/// (XAU, XTS, XXX, …) have no minor unit and are not listed.
/// </summary>
public static class CurrencyExponent
{
    private static readonly FrozenDictionary<string, int> Exponents = Build();

    /// <summary>
    /// The minor-unit exponent of <paramref name="currency"/> (an ISO 4217 alphabetic code, any case).
    /// Returns <c>false</c> for a code that is not an active currency.
    /// </summary>
    public static bool TryGet(string? currency, out int exponent)
    {
        exponent = 0;
        return currency is not null && Exponents.TryGetValue(currency.Trim(), out exponent);
    }

    /// <summary>Every known code with its exponent, for documentation and tests.</summary>
    public static IReadOnlyDictionary<string, int> All => Exponents;

    private static FrozenDictionary<string, int> Build()
    {
        // Most currencies have two decimals; the exceptions are listed by exponent.
        const string twoDecimals =
            "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP " +
            "BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR " +
            "FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW " +
            "KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN " +
            "NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD " +
            "SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU " +
            "UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL";
        const string zeroDecimals = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
        const string threeDecimals = "BHD IQD JOD KWD LYD OMR TND";
        const string fourDecimals = "CLF UYW";

        var table = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (codes, exponent) in new[] { (twoDecimals, 2), (zeroDecimals, 0), (threeDecimals, 3), (fourDecimals, 4) })
        {
            foreach (var code in codes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                table.Add(code, exponent);
            }
        }

        return table.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
