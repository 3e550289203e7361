-- Results aggregates become sharded counters (issue 22): a vote writes the shard of its reader, readers
-- sum the shards. Every existing row keeps its figures as shard 0 (the column's default), so a database
-- seeded before this change reads the same numbers. Per-row non-negative checks go: a shard may hold a
-- negative count (a vote counted in shard 0 taken back from its reader's shard); sums stay exact.
ALTER TABLE "opinion_profile_counts" DROP CONSTRAINT "opinion_profile_counts_count_check";--> statement-breakpoint
ALTER TABLE "proposal_pair_counts" DROP CONSTRAINT "proposal_pair_counts_count_check";--> statement-breakpoint
ALTER TABLE "proposal_tallies" DROP CONSTRAINT "proposal_tallies_non_negative_check";--> statement-breakpoint
ALTER TABLE "opinion_profile_counts" ADD COLUMN "shard" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_daily_deltas" ADD COLUMN "shard" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_pair_counts" ADD COLUMN "shard" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_tallies" ADD COLUMN "shard" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "opinion_profile_counts" DROP CONSTRAINT "opinion_profile_counts_pkey";--> statement-breakpoint
ALTER TABLE "proposal_tallies" DROP CONSTRAINT "proposal_tallies_pkey";--> statement-breakpoint
ALTER TABLE "proposal_daily_deltas" DROP CONSTRAINT "proposal_daily_deltas_proposal_id_day_stance_pk";--> statement-breakpoint
ALTER TABLE "proposal_pair_counts" DROP CONSTRAINT "proposal_pair_counts_proposal_a_proposal_b_stance_a_stance_b_pk";--> statement-breakpoint
ALTER TABLE "opinion_profile_counts" ADD CONSTRAINT "opinion_profile_counts_profile_shard_pk" PRIMARY KEY("profile","shard");--> statement-breakpoint
ALTER TABLE "proposal_daily_deltas" ADD CONSTRAINT "proposal_daily_deltas_proposal_id_day_stance_shard_pk" PRIMARY KEY("proposal_id","day","stance","shard");--> statement-breakpoint
ALTER TABLE "proposal_pair_counts" ADD CONSTRAINT "proposal_pair_counts_proposal_a_proposal_b_stance_a_stance_b_shard_pk" PRIMARY KEY("proposal_a","proposal_b","stance_a","stance_b","shard");--> statement-breakpoint
ALTER TABLE "proposal_tallies" ADD CONSTRAINT "proposal_tallies_proposal_id_shard_pk" PRIMARY KEY("proposal_id","shard");--> statement-breakpoint
ALTER TABLE "opinion_profile_counts" ADD CONSTRAINT "opinion_profile_counts_shard_check" CHECK ("opinion_profile_counts"."shard" between 0 and 63);--> statement-breakpoint
ALTER TABLE "proposal_daily_deltas" ADD CONSTRAINT "proposal_daily_deltas_shard_check" CHECK ("proposal_daily_deltas"."shard" between 0 and 63);--> statement-breakpoint
ALTER TABLE "proposal_pair_counts" ADD CONSTRAINT "proposal_pair_counts_shard_check" CHECK ("proposal_pair_counts"."shard" between 0 and 63);--> statement-breakpoint
ALTER TABLE "proposal_tallies" ADD CONSTRAINT "proposal_tallies_shard_check" CHECK ("proposal_tallies"."shard" between 0 and 63);
