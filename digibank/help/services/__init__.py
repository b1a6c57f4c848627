"""Every write of the help pillar: visits and the queue, referrals, shifts (see each module)."""
