package io.github.optimizationjobtracker.event;

import java.util.List;

/** The EventBridge events this system consumes and emits. */
public final class EventContract {
    /** Source of the state-change events the poller emits; other teams may subscribe to it. */
    public static final String TRACKER_SOURCE = "optimization-job-tracker";
    /** Source of native SageMaker events (CloudTrail calls, and any future native state change). */
    public static final String SAGEMAKER_SOURCE = "aws.sagemaker";
    public static final String STATE_CHANGE_DETAIL_TYPE = "SageMaker Optimization Job State Change";
    public static final String CLOUDTRAIL_DETAIL_TYPE = "AWS API Call via CloudTrail";
    public static final String CLOUDTRAIL_EVENT_SOURCE = "sagemaker.amazonaws.com";
    public static final String CREATE_CALL = "CreateOptimizationJob";
    public static final String STOP_CALL = "StopOptimizationJob";
    public static final String DELETE_CALL = "DeleteOptimizationJob";
    public static final List<String> CLOUDTRAIL_CALLS = List.of(CREATE_CALL, STOP_CALL, DELETE_CALL);

    private EventContract() {
    }
}
