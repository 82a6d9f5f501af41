/** How many distinct topics are remembered for trying out a pattern in settings. */
const RECENT_TOPICS_MAX = 300;

/** The latest distinct topics, newest last; O(1) per message. */
export class RecentTopics {
  private readonly topics = new Set<string>();

  add(topic: string): void {
    if (this.topics.has(topic)) return;
    this.topics.add(topic);
    if (this.topics.size > RECENT_TOPICS_MAX) {
      const oldest = this.topics.values().next().value;
      if (oldest !== undefined) this.topics.delete(oldest);
    }
  }

  /** Newest first. */
  list(): string[] {
    return [...this.topics].reverse();
  }
}
