/// The English stemmer of the Snowball project ("Porter2").
public enum Porter2 {
    /// The stem of one lower-case English word.
    public static func stem(_ word: String) -> String {
        word  // Placeholder until the stemmer lands.
    }
}
